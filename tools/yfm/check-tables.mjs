// Checks the HTML that yfm rendered for our pages (step 3 of check.sh):
//
//   node check-tables.mjs OUT PAGES_TSV STUBS_TXT
//
// - every page was rendered (OUT/<page>.html exists);
// - in every table, every row has as many cells as the header row. YFM splits a `#|` table cell
//   at each unescaped `|` (backticks do not protect it) and pads the shorter rows with empty
//   cells, so all rows end up equally long: a split shows as a header row with trailing empty
//   cells, a row with more non-empty cells than the header, or one with fewer;
// - no cell was merged: YFM turns a cell whose whole text is `>` or `^` into a colspan/rowspan;
// - no inline code in a cell shows `\|` or `&#124;`: the table is intact, but inside backticks
//   YFM keeps the backslash or the entity as written, so the reader sees it;
// - every link of the rendered page (including the text it got from includes) points at a
//   rendered page of the tree, and its #anchor exists there (links to stubbed official pages
//   are checked for the page only).
//
// Prints one "FAIL <page>: <problem>" line per problem, a summary, and exits 1 on any problem.
import fs from 'node:fs';
import path from 'node:path';
import {parseDocument, DomUtils} from 'htmlparser2';

const [out, pagesTsv, stubsTxt] = process.argv.slice(2);
if (!stubsTxt) {
    console.error('usage: node check-tables.mjs OUT PAGES_TSV STUBS_TXT');
    process.exit(2);
}
const pages = fs
    .readFileSync(pagesTsv, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
        const [rel, shown] = line.split('\t');
        return {rel, shown};
    });
const stubs = new Set(fs.readFileSync(stubsTxt, 'utf8').split('\n').filter(Boolean));
const problems = [];
const fail = (page, msg) => problems.push(`FAIL ${page}: ${msg}`);
const stats = {pages: 0, tables: 0, rows: 0, links: 0};

// The page body that yfm (v5) renders sits, HTML-escaped, in a JSON state script; the browser
// app unescapes it exactly like this (Template.unescape in @diplodoc/cli).
function renderedBody(htmlFile) {
    const html = fs.readFileSync(htmlFile, 'utf8');
    const m = html.match(/<script[^>]*id="diplodoc-state"[^>]*>([\s\S]*?)<\/script>/);
    if (!m) return null;
    const state = JSON.parse(m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
    return state?.data?.html ?? null;
}

const bodies = new Map();
function body(rel) {
    if (!bodies.has(rel)) {
        const file = path.join(out, rel);
        bodies.set(rel, fs.existsSync(file) ? parseDocument(renderedBody(file) ?? '') : null);
    }
    return bodies.get(rel);
}

const text = (node) => DomUtils.textContent(node).replace(/\s+/g, ' ').trim();
const short = (s, n = 60) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const isEmpty = (cell) => text(cell) === '' && !DomUtils.findOne((n) => n.name === 'img', cell.children, true);
const closest = (node, name) => {
    for (let p = node.parent; p; p = p.parent) if (p.name === name) return p;
    return null;
};

function checkTables(page, doc) {
    const tables = DomUtils.findAll((n) => n.name === 'table', doc.children);
    tables.forEach((table, t) => {
        stats.tables++;
        // The heading above the table names it in messages.
        let heading = '';
        for (let n = table; n && !heading; n = n.prev || n.parent) {
            if (/^h[1-6]$/.test(n.name ?? '')) {
                heading = n.children
                    .filter((c) => !(c.name === 'a' && /\byfm-anchor\b/.test(c.attribs.class ?? '')))
                    .map(text)
                    .join(' ')
                    .trim();
            }
        }
        const label = `table ${t + 1}${heading ? ` (under "${short(heading, 40)}")` : ''}`;
        const rows = DomUtils.findAll((n) => n.name === 'tr', table.children).filter((tr) => closest(tr, 'table') === table);
        if (!rows.length) return;
        const cellsOf = (tr) => tr.children.filter((c) => c.name === 'td' || c.name === 'th');
        const filled = (cells) => {
            let n = cells.length;
            while (n > 0 && isEmpty(cells[n - 1])) n--;
            return n;
        };
        const header = cellsOf(rows[0]);
        const width = filled(header);
        if (width < header.length) {
            fail(page, `${label}: the header row got ${header.length - width} empty cell(s) appended: yfm padded it because a row has more cells than the header (an unescaped '|' in a cell)`);
        }
        rows.forEach((tr, r) => {
            stats.rows++;
            const cells = cellsOf(tr);
            const name = short(text(cells[0] ?? tr), 40);
            const where = `${label}, row ${r + 1} ("${name}")`;
            for (const c of cells) {
                if (c.attribs.colspan || c.attribs.rowspan) {
                    fail(page, `${where}: cells merged (${c.attribs.colspan ? 'colspan' : 'rowspan'}): a cell whose whole text is '>' or '^' is a YFM span marker; escape it as '\\>' or '\\^'`);
                }
            }
            // Inside backticks YFM neither unescapes `\|` nor decodes `&#124;`: the reader sees them.
            for (const code of DomUtils.findAll((n) => n.name === 'code' && closest(n, 'pre') === null, cells)) {
                const shows = text(code).match(/\\\||&#124;|&vert;|&verbar;/);
                if (shows && closest(code, 'table') === table) {
                    fail(page, `${where}: inline code "${short(text(code), 50)}" shows '${shows[0]}' literally: inside backticks YFM does not unescape it; close the code span around the bar (\`a\`\\|\`b\`) or write <code>a\\|b</code>`);
                }
            }
            if (r === 0) return;
            const n = filled(cells);
            if (n > width) {
                const extra = cells.slice(width - 1, n).map((c) => `"${short(text(c), 30)}"`).join(' | ');
                fail(page, `${where}: ${n} cells where the header has ${width}; the cell was split at an unescaped '|' (backticks do not protect it): ${extra}`);
            } else if (n < width) {
                fail(page, `${where}: ${n} non-empty cell(s) where the header has ${width} (a cell is missing or empty, or a '||' inside a cell ended the row early)`);
            }
        });
    });
}

function checkLinks(page, rel, doc) {
    for (const a of DomUtils.findAll((n) => n.name === 'a' && n.attribs.href !== undefined, doc.children)) {
        const href = a.attribs.href;
        if (/^([a-z][a-z0-9+.-]*:|\/)/i.test(href)) continue; // URL or site-absolute
        stats.links++;
        // Rendered links are relative to <base href> = the root of the output.
        const [target, anchor] = href.startsWith('#') ? [rel, href.slice(1)] : href.split('#');
        const targetHtml = decodeURI(target);
        const targetMd = targetHtml.replace(/\.html$/, '.md');
        if (!fs.existsSync(path.join(out, targetHtml))) {
            fail(page, `link "${short(text(a), 30)}" -> '${href}': no such rendered page`);
            continue;
        }
        if (!anchor || stubs.has(targetMd)) continue;
        const targetDoc = body(targetHtml);
        const id = decodeURIComponent(anchor);
        if (!targetDoc || !DomUtils.findOne((n) => n.attribs?.id === id, targetDoc.children, true)) {
            fail(page, `link "${short(text(a), 30)}" -> '${href}': no element with id '${id}' on that page`);
        }
    }
}

for (const {rel, shown} of pages) {
    const htmlRel = rel.replace(/\.md$/, '.html');
    const doc = body(htmlRel);
    if (!doc) {
        fail(shown, `yfm rendered no ${htmlRel} (see its errors above)`);
        continue;
    }
    stats.pages++;
    checkTables(shown, doc);
    checkLinks(shown, htmlRel, doc);
}

console.log(`pages rendered: ${stats.pages}/${pages.length}; tables checked: ${stats.tables}; rows checked: ${stats.rows}; rendered links checked: ${stats.links}`);
for (const p of problems) console.log(p);
process.exit(problems.length ? 1 : 0);
