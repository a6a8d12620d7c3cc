// Helpers for check.sh, one per step (node built-ins only):
//
//   node tree.mjs prepare TREE FILES_TXT PAGES_TSV STUBS_TXT
//     Checks every relative link and include in our pages (listed in PAGES_TSV as
//     "path-in-tree<TAB>path-to-show") against the tree and the official repository's file
//     list; writes a stub page for each link target that the official repository has but the
//     minimal tree does not (listed in STUBS_TXT), and TREE/toc.yaml naming every page.
//
//   node tree.mjs log YFM_LOG PAGES_TSV YFM_EXIT_CODE
//     Picks out of yfm's output the errors and warnings that concern our pages.
//
// Both print one "FAIL <page>: <problem>" line per problem and exit 1 if there was any.
import fs from 'node:fs';
import path from 'node:path';

const [cmd, ...args] = process.argv.slice(2);
const problems = [];
const fail = (page, msg) => problems.push(`FAIL ${page}: ${msg}`);

function readPages(tsv) {
    return fs
        .readFileSync(tsv, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => {
            const [rel, shown] = line.split('\t');
            return {rel, shown};
        });
}

function walk(dir, base = '') {
    const out = [];
    for (const entry of fs.readdirSync(path.join(dir, base), {withFileTypes: true})) {
        const rel = base ? `${base}/${entry.name}` : entry.name;
        if (entry.isDirectory()) out.push(...walk(dir, rel));
        else out.push(rel);
    }
    return out;
}

// Relative link and include targets of a markdown page, with line numbers. Fenced code is
// skipped; inline code is blanked so a link whose text is code (`[`integer`](...)`) is kept.
function references(src) {
    const refs = [];
    let fence = null;
    src.split('\n').forEach((raw, i) => {
        const marker = raw.match(/^\s*(`{3,}|~{3,})/);
        if (fence) {
            if (marker && marker[1][0] === fence[0] && marker[1].length >= fence.length) fence = null;
            return;
        }
        if (marker) {
            fence = marker[1];
            return;
        }
        let line = raw.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, (m) => 'x'.repeat(m.length));
        line = line.replace(
            /\{%-?\s*include\s+(?:notitle\s+)?\[[^\]]*\]\(([^)\s]+)\)\s*-?%\}/g,
            (m, target) => {
                refs.push({kind: 'include', target, line: i + 1});
                return ' '.repeat(m.length);
            },
        );
        for (const m of line.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
            refs.push({kind: m[0].startsWith('!') ? 'image' : 'link', target: m[1], line: i + 1});
        }
    });
    return refs;
}

function prepare(tree, filesTxt, pagesTsv, stubsTxt) {
    const pages = readPages(pagesTsv);
    const official = new Set(fs.readFileSync(filesTxt, 'utf8').split('\n').filter(Boolean));
    const stubs = new Set();
    let checked = 0;
    for (const page of pages) {
        const src = fs.readFileSync(path.join(tree, page.rel), 'utf8');
        for (const ref of references(src)) {
            const where = `${page.shown}:${ref.line}`;
            if (/^([a-z][a-z0-9+.-]*:|\/|#)/i.test(ref.target)) continue; // URL, site-absolute, same page
            checked++;
            const file = decodeURI(ref.target.replace(/[#?].*$/, ''));
            const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(page.rel), file));
            if (resolved.startsWith('../') || resolved === '..') {
                fail(where, `${ref.kind} '${ref.target}' climbs above the docs root (one '../' too many for a page at ${page.rel})`);
                continue;
            }
            if (fs.existsSync(path.join(tree, resolved)) && fs.statSync(path.join(tree, resolved)).isFile()) continue;
            if (!official.has(resolved)) {
                fail(where, `${ref.kind} '${ref.target}' resolves to '${resolved}', which the official repository does not have (not in files.txt)`);
            } else if (ref.kind === 'include') {
                fail(where, `include '${ref.target}' resolves to '${resolved}', which the official repository has but the minimal tree lacks: add it to tests/fixtures/official-tree/<lang>/`);
            } else {
                stubs.add(resolved);
            }
        }
    }
    for (const stub of stubs) {
        fs.mkdirSync(path.dirname(path.join(tree, stub)), {recursive: true});
        fs.writeFileSync(
            path.join(tree, stub),
            stub.endsWith('.md') ? `# ${stub}\n\nStub of an official page that our pages link to.\n` : '',
        );
    }
    fs.writeFileSync(stubsTxt, [...stubs].map((s) => `${s}\n`).join(''));
    // Every page of the tree goes in the toc: yfm builds only what a toc names, and reports a
    // link to a page that no toc names.
    const mdPages = walk(tree)
        .filter((f) => f.endsWith('.md') && !f.split('/').includes('_includes'))
        .sort();
    const toc = [
        'title: b24-spec docs check',
        'items:',
        ...mdPages.flatMap((f) => [`  - name: ${JSON.stringify(f)}`, `    href: ${JSON.stringify(f)}`]),
    ];
    fs.writeFileSync(path.join(tree, 'toc.yaml'), `${toc.join('\n')}\n`);
    console.log(`links and includes checked in the sources: ${checked}; stubbed official link targets: ${stubs.size}`);
}

function log(logFile, pagesTsv, exitCode) {
    const pages = readPages(pagesTsv);
    const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const mentions = (line, rel) => new RegExp(`(^|[\\s'"/])${esc(rel)}($|[\\s:'"])`).test(line);
    let ignored = 0;
    let ours = 0;
    const lines = fs.readFileSync(logFile, 'utf8').split('\n');
    for (const line of lines) {
        const m = line.match(/^(ERR|WARN)\s+(.*)$/);
        if (!m) continue;
        const page = pages.find((p) => mentions(m[2], p.rel));
        if (page) {
            ours++;
            fail(page.shown, `yfm ${m[1] === 'ERR' ? 'error' : 'warning'}: ${m[2]}`);
        } else if (/\S+\.(md|ya?ml)\b/.test(m[2])) {
            ignored++; // about an official (fixture or stub) file, not ours
        } else {
            ours++;
            fail('yfm', `${m[1] === 'ERR' ? 'error' : 'warning'} naming no file: ${m[2]}`);
        }
    }
    if (exitCode !== '0' && ours === 0 && ignored === 0) {
        fail('yfm', `exited ${exitCode} without an ERR line; its output ends:\n${lines.slice(-15).join('\n')}`);
    }
    console.log(`yfm messages about our pages: ${ours}; about official files (ignored): ${ignored}`);
}

if (cmd === 'prepare') prepare(...args);
else if (cmd === 'log') log(...args);
else {
    console.error('usage: node tree.mjs prepare TREE FILES_TXT PAGES_TSV STUBS_TXT | log YFM_LOG PAGES_TSV EXIT_CODE');
    process.exit(2);
}
for (const p of problems) console.log(p);
process.exit(problems.length ? 1 : 0);
