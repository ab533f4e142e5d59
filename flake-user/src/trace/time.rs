//! Wall-clock formatting for trace timestamps.

use super::model::TraceMeta;

/// Unix ns → `2023-11-14T22:13:20.000000000Z` (UTC, proleptic Gregorian).
pub fn iso8601_utc(unix_ns: i64) -> String {
    let secs = unix_ns.div_euclid(1_000_000_000);
    let nanos = unix_ns.rem_euclid(1_000_000_000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{nanos:09}Z",
        sod / 3600,
        sod / 60 % 60,
        sod % 60
    )
}

/// Days since 1970-01-01 → (year, month, day). Howard Hinnant's algorithm.
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Wall-clock ns (CLOCK_REALTIME) at monotonic time `ts` of the run.
pub fn wall_ns(meta: &TraceMeta, ts: u64) -> i64 {
    (ts as i64).wrapping_add(meta.realtime_offset_ns)
}

/// ms since the start of the run (negative for events before it).
pub fn rel_ms(meta: &TraceMeta, ts: u64) -> f64 {
    (ts as i128 - meta.start_ns as i128) as f64 / 1e6
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso() {
        assert_eq!(iso8601_utc(0), "1970-01-01T00:00:00.000000000Z");
        assert_eq!(
            iso8601_utc(1_700_000_000_123_456_789),
            "2023-11-14T22:13:20.123456789Z"
        );
        assert_eq!(
            iso8601_utc(951_782_400_000_000_000),
            "2000-02-29T00:00:00.000000000Z"
        );
        assert_eq!(iso8601_utc(-1), "1969-12-31T23:59:59.999999999Z");
        assert_eq!(
            iso8601_utc(4_102_444_799_000_000_000),
            "2099-12-31T23:59:59.000000000Z"
        );
        // Extremes do not panic.
        let _ = iso8601_utc(i64::MIN);
        let _ = iso8601_utc(i64::MAX);
    }
}
