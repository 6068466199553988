//! CVSS v3.x base scores computed from vectors (`CVSS:3.1/AV:N/AC:L/…`), with the formula
//! and the `Roundup` function of the CVSS v3.1 specification (section 7.1 and appendix A).
//! v3.0 vectors use the same metrics and weights; the v3.1 `Roundup` only removes v3.0's
//! floating-point surprises.

/// The base score (0.0–10.0) of a CVSS v3.0 or v3.1 vector, or `None` when the text is not a
/// well-formed v3 vector with each of the eight base metrics exactly once. Temporal and
/// environmental metrics may follow; they do not change the base score.
pub(crate) fn base_score_v3(vector: &str) -> Option<f64> {
    let mut parts = vector.trim().split('/');
    if !matches!(parts.next()?, "CVSS:3.0" | "CVSS:3.1") {
        return None;
    }
    let mut metrics: [Option<&str>; 8] = [None; 8];
    const BASE: [&str; 8] = ["AV", "AC", "PR", "UI", "S", "C", "I", "A"];
    for part in parts {
        let (name, value) = part.split_once(':')?;
        if let Some(slot) = BASE.iter().position(|&base| base == name)
            && metrics[slot].replace(value).is_some()
        {
            return None;
        }
    }
    let [av, ac, pr, ui, scope, c, i, a] = metrics;
    let changed = match scope? {
        "U" => false,
        "C" => true,
        _ => return None,
    };
    let av = match av? {
        "N" => 0.85,
        "A" => 0.62,
        "L" => 0.55,
        "P" => 0.2,
        _ => return None,
    };
    let ac = match ac? {
        "L" => 0.77,
        "H" => 0.44,
        _ => return None,
    };
    let pr = match (pr?, changed) {
        ("N", _) => 0.85,
        ("L", false) => 0.62,
        ("L", true) => 0.68,
        ("H", false) => 0.27,
        ("H", true) => 0.5,
        _ => return None,
    };
    let ui = match ui? {
        "N" => 0.85,
        "R" => 0.62,
        _ => return None,
    };
    let impact_weight = |value: Option<&str>| match value? {
        "H" => Some(0.56),
        "L" => Some(0.22),
        "N" => Some(0.0),
        _ => None,
    };
    let (c, i, a) = (impact_weight(c)?, impact_weight(i)?, impact_weight(a)?);
    let iss = 1.0 - (1.0 - c) * (1.0 - i) * (1.0 - a);
    let impact = if changed {
        7.52 * (iss - 0.029) - 3.25 * (iss - 0.02_f64).powi(15)
    } else {
        6.42 * iss
    };
    let exploitability = 8.22 * av * ac * pr * ui;
    if impact <= 0.0 {
        return Some(0.0);
    }
    let sum = if changed {
        1.08 * (impact + exploitability)
    } else {
        impact + exploitability
    };
    Some(roundup(sum.min(10.0)))
}

/// The smallest number with one decimal that is at least `value`, computed on integers so
/// that `4.000000000001` does not become `4.1` (CVSS v3.1, appendix A).
fn roundup(value: f64) -> f64 {
    let scaled = (value * 100_000.0).round() as i64;
    if scaled % 10_000 == 0 {
        scaled as f64 / 100_000.0
    } else {
        (scaled / 10_000 + 1) as f64 / 10.0
    }
}

#[cfg(test)]
mod tests {
    use super::base_score_v3;

    /// Scores published by NVD for these vectors.
    #[test]
    fn known_vectors() {
        for (vector, score) in [
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 7.5),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", 6.1),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5),
            ("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 8.8),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0),
            ("CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 7.8),
            ("CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:L/A:N", 3.7),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", 0.0),
            ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U/RL:O", 9.8),
        ] {
            assert_eq!(base_score_v3(vector), Some(score), "{vector}");
        }
    }

    #[test]
    fn malformed_vectors_have_no_score() {
        for vector in [
            "",
            "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H",
            "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "CVSS:3.1/AV:N/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H",
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/garbage",
            "9.8",
        ] {
            assert_eq!(base_score_v3(vector), None, "{vector}");
        }
    }
}
