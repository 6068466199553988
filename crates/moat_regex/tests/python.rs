//! Attack strings confirmed on the real thing: CPython's `re` (`python3` must be on PATH,
//! as on CI) gets slower as the pump is repeated, as the simulator said, and a safe pattern
//! does not.

use moat_regex::{MatchMode, Options, PatternText, Verdict, analyze};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Duration;

/// Times `re.<mode>(pattern, prefix + pump * n + suffix)` for each `n` (best of three for
/// short runs), stopping once a run takes longer than `stop` seconds.
const TIMER: &str = r#"
import json, re, sys, time
job = json.load(sys.stdin)
rx = re.compile(job["pattern"])
run = getattr(rx, job["mode"])
out = []
for n in job["ns"]:
    text = job["prefix"] + job["pump"] * n + job["suffix"]
    times = []
    for _ in range(3):
        t = time.perf_counter(); run(text); times.append(time.perf_counter() - t)
        if times[-1] > 0.05:
            break
    out.append(min(times))
    if min(times) > job["stop"]:
        break
print(json.dumps(out))
"#;

fn python_times(
    pattern: &str,
    mode: MatchMode,
    attack: &moat_regex::Attack,
    ns: &[usize],
    stop: f64,
) -> Vec<f64> {
    let text =
        |units: &[u32]| -> String { units.iter().filter_map(|&u| char::from_u32(u)).collect() };
    let job = format!(
        "{{\"pattern\": {}, \"mode\": \"{}\", \"prefix\": {}, \"pump\": {}, \"suffix\": {}, \"ns\": {:?}, \"stop\": {stop}}}",
        json_string(pattern),
        mode.as_str(),
        json_string(&text(&attack.prefix)),
        json_string(&text(&attack.pump)),
        json_string(&text(&attack.suffix)),
        ns
    );
    let mut child = Command::new("python3")
        .arg("-c")
        .arg(TIMER)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(job.as_bytes())
        .unwrap();
    let start = std::time::Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("python3 timed out on {pattern}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    let line = String::from_utf8(output.stdout).unwrap();
    line.trim()
        .trim_matches(['[', ']'])
        .split(',')
        .map(|t| t.trim().parse::<f64>().unwrap())
        .collect()
}

fn json_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e => {
                out.push_str(&format!("\\u{:04x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn attack_for(pattern: &str, mode: MatchMode, verdict: Verdict) -> moat_regex::Attack {
    let options = Options {
        mode,
        ..Options::default()
    };
    let analysis = analyze(&PatternText::Str(pattern.to_string()), &options);
    assert_eq!(analysis.verdict, verdict, "{pattern}: {}", analysis.reason);
    analysis.attack.expect("vulnerable patterns have an attack")
}

#[test]
fn exponential_attacks_slow_python_down_per_pump() {
    for pattern in [r"^(\w+\s?)*$", r"(a|ab|b)*c", r"(x+x+)+y"] {
        let attack = attack_for(pattern, MatchMode::Match, Verdict::Exponential);
        let ns: Vec<usize> = (1..=60).collect();
        let times = python_times(pattern, MatchMode::Match, &attack, &ns, 0.2);
        let last = times.len() - 1;
        assert!(times[last] > 0.1, "{pattern}: {times:?}");
        // Each pump multiplies the time: over the last three pumps at least 4× in all
        // (a polynomial's factor would be near 1). Three pumps rather than one, so that
        // a busy machine slowing one measurement cannot decide the test.
        assert!(last >= 3, "{pattern}: {times:?}");
        assert!(times[last] > 4.0 * times[last - 3], "{pattern}: {times:?}");
    }
}

#[test]
fn polynomial_attacks_slow_python_down_by_their_degree() {
    for (pattern, mode, degree) in [
        (r"\s*#?\s*$", MatchMode::Match, 2),
        (r".*a.*a.*=", MatchMode::Match, 3),
        (r"(.+?)\((.*)\)", MatchMode::Match, 2),
    ] {
        let attack = attack_for(pattern, mode, Verdict::Polynomial);
        let ns = [125, 250, 500, 1000, 2000, 4000, 8000];
        let times = python_times(pattern, mode, &attack, &ns, 1.0);
        let last = times.len() - 1;
        // The slope over the whole measured range, from the first time long enough to
        // measure: less sensitive to a busy machine than one pair.
        let first = times
            .iter()
            .position(|&t| t > 0.003)
            .unwrap_or(0)
            .min(last - 1);
        let exponent =
            (times[last] / times[first]).ln() / (ns[last] as f64 / ns[first] as f64).ln();
        assert!(times[last] > 0.02, "{pattern}: {times:?}");
        assert!(
            exponent > degree as f64 - 0.6,
            "{pattern}: exponent {exponent:.2}, {times:?}"
        );
    }
}

#[test]
fn safe_pattern_stays_linear_in_python() {
    let pattern = r"^(\w+\s?)*+$";
    let analysis = analyze(
        &PatternText::Str(pattern.into()),
        &Options {
            mode: MatchMode::Match,
            ..Options::default()
        },
    );
    assert_eq!(analysis.verdict, Verdict::Safe);
    // The attack on the vulnerable form of the same pattern.
    let attack = attack_for(r"^(\w+\s?)*$", MatchMode::Match, Verdict::Exponential);
    let times = python_times(pattern, MatchMode::Match, &attack, &[100_000, 800_000], 5.0);
    // Eight times the text: about eight times the time (generous for a busy machine).
    assert!(times[1] < 40.0 * times[0] + 0.05, "{times:?}");
}
