//! Load: `imopenlines.revision.get` N times from C tasks through one client, paced at R a
//! second with a burst of B, against a webhook or a mock portal on 127.0.0.1 that enforces the
//! same limit (`--mock`). The last line is the summary:
//!
//! ```text
//! calls=N ok=K query_limit=Q operation_limit=O retried=R elapsed_s=S
//! ```
//!
//! ```sh
//! cargo run -p b24-client --example load -- --mock --calls 300 --concurrency 16 --rate 20 --burst 10
//! cargo run -p b24-client --example load -- --webhook https://your.bitrix24.com/rest/1/abc/ \
//!     --calls 100 --concurrency 4 --rate 2 --burst 50
//! ```
//!
//! Exit codes: 0 every call succeeded, 1 some failed, 2 wrong arguments.

#[path = "../tests/support/portal.rs"]
mod portal;

use std::process::ExitCode;
use std::time::Instant;

use b24_client::{Client, Pacing};
use b24_spec::imopenlines::revision_get::{RevisionGet, RevisionGetParams};

const USAGE: &str =
    "usage: load (--webhook URL | --mock) [--calls N] [--concurrency C] [--rate R] [--burst B]";

struct Args {
    webhook: Option<String>,
    mock: bool,
    calls: usize,
    concurrency: usize,
    rate: f64,
    burst: u32,
}

fn args() -> Result<Args, String> {
    let mut args = Args {
        webhook: None,
        mock: false,
        calls: 100,
        concurrency: 4,
        rate: 2.0,
        burst: 50,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--mock" {
            args.mock = true;
            continue;
        }
        let value = it.next().ok_or(format!("{flag} needs a value"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value}: {e}");
        match flag.as_str() {
            "--webhook" => args.webhook = Some(value),
            "--calls" => args.calls = value.parse().map_err(|e| bad(&e))?,
            "--concurrency" => args.concurrency = value.parse().map_err(|e| bad(&e))?,
            "--rate" => args.rate = value.parse().map_err(|e| bad(&e))?,
            "--burst" => args.burst = value.parse().map_err(|e| bad(&e))?,
            other => return Err(format!("unknown flag {other}")),
        }
    }
    if args.webhook.is_some() == args.mock {
        return Err("give exactly one of --webhook and --mock".into());
    }
    if args.concurrency == 0 || args.rate <= 0.0 {
        return Err("--concurrency and --rate must be above zero".into());
    }
    Ok(args)
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match args() {
        Ok(args) => args,
        Err(e) => {
            eprintln!("error: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mock = args.mock.then(|| {
        portal::Portal::start(portal::Config {
            bucket: Some((args.burst, args.rate)),
            ..portal::Config::default()
        })
    });
    let url = match (&mock, &args.webhook) {
        (Some(portal), _) => portal.webhook(),
        (None, Some(url)) => url.clone(),
        (None, None) => return ExitCode::from(2),
    };
    let client = match Client::webhook(&url)
        .pacing(Pacing::new(args.burst, args.rate))
        .build()
    {
        Ok(client) => client,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let tasks: Vec<_> = (0..args.concurrency)
        .map(|t| {
            let client = client.clone();
            let share =
                args.calls / args.concurrency + usize::from(t < args.calls % args.concurrency);
            tokio::spawn(async move {
                let mut ok = 0usize;
                for _ in 0..share {
                    match client.call::<RevisionGet>(&RevisionGetParams::new()).await {
                        Ok(_) => ok += 1,
                        Err(e) => eprintln!("call failed: {e}"),
                    }
                }
                ok
            })
        })
        .collect();
    let mut ok = 0;
    for task in tasks {
        ok += task.await.unwrap_or(0);
    }
    let elapsed = start.elapsed().as_secs_f64();
    let stats = client.stats();
    let ideal = (args.calls as f64 - f64::from(args.burst)).max(0.0) / args.rate;
    println!(
        "ideal_s={ideal:.3} throughput_per_s={:.2} paced={} paced_mean_ms={:.1} paced_max_ms={:.1} requests={}",
        args.calls as f64 / elapsed,
        stats.paced,
        stats.paced_total.as_secs_f64() * 1000.0 / stats.paced.max(1) as f64,
        stats.paced_max.as_secs_f64() * 1000.0,
        stats.requests,
    );
    if let Some(portal) = &mock {
        println!("mock_query_limit={}", portal.seen(|s| s.query_limit));
    }
    println!(
        "calls={} ok={ok} query_limit={} operation_limit={} retried={} elapsed_s={elapsed:.3}",
        args.calls, stats.query_limit, stats.operation_limit, stats.retries
    );
    if ok == args.calls {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
