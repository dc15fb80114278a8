//! Byte classes eight at a time ("SIMD within a register"). Scanning the corpus byte by byte
//! mispredicts a branch at every word boundary; these masks let a scanner look at a whole chunk
//! and jump straight to the byte it needs. Each function returns the high bit of every byte of
//! the chunk that is in the class, exactly: no borrow leaks from one byte into the next.

const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
pub const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
const LOW7: u64 = !HIGH;

/// Eight bytes from `at`, the first in the lowest byte, or `None` past the end.
pub fn load(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

/// Bytes equal to `b`.
pub fn equal(x: u64, b: u8) -> u64 {
    let y = x ^ (ONES * b as u64);
    !(((y & LOW7).wrapping_add(LOW7)) | y | LOW7)
}

/// ASCII bytes below `n` (`n <= 0x80`). Non-ASCII bytes give no meaningful answer: callers
/// classify them by [`HIGH`] first.
pub fn below(x: u64, n: u8) -> u64 {
    !((x | HIGH).wrapping_sub(ONES * n as u64)) & HIGH
}

/// ASCII digits.
pub fn digits(x: u64) -> u64 {
    below(x, b'9' + 1) & !below(x, b'0') & !(x & HIGH)
}

/// ASCII capitals.
pub fn uppercase(x: u64) -> u64 {
    below(x, b'Z' + 1) & !below(x, b'A') & !(x & HIGH)
}

/// The position of the first ASCII capital of `bytes` at or after `from`.
pub fn find_uppercase(bytes: &[u8], from: usize) -> Option<usize> {
    find(bytes, from, uppercase, u8::is_ascii_uppercase)
}

/// The position of the first ASCII digit of `bytes` at or after `from`.
pub fn find_digit(bytes: &[u8], from: usize) -> Option<usize> {
    find(bytes, from, digits, u8::is_ascii_digit)
}

/// The first byte at or after `from` in a class: eight at a time by its mask, the tail byte by
/// byte.
fn find(
    bytes: &[u8],
    from: usize,
    class: impl Fn(u64) -> u64,
    is_in: impl Fn(&u8) -> bool,
) -> Option<usize> {
    let mut at = from;
    while let Some(x) = load(bytes, at) {
        let found = class(x);
        if found != 0 {
            return Some(at + first(found));
        }
        at += 8;
    }
    bytes.get(at..)?.iter().position(is_in).map(|p| at + p)
}

/// The index (0..8) of the byte holding the lowest flag of a non-zero mask.
pub fn first(mask: u64) -> usize {
    (mask.trailing_zeros() / 8) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_match_the_byte_predicates() {
        for base in (0..=255u8).step_by(8) {
            let bytes: Vec<u8> = (base..=base.saturating_add(7)).collect();
            let Some(x) = load(&bytes, 0) else { continue };
            for (k, &b) in bytes.iter().enumerate() {
                let flag = |mask: u64| mask >> (8 * k + 7) & 1 == 1;
                assert_eq!(flag(equal(x, b'-')), b == b'-', "{b:#x}");
                assert_eq!(flag(digits(x)), b.is_ascii_digit(), "{b:#x}");
                assert_eq!(flag(uppercase(x)), b.is_ascii_uppercase(), "{b:#x}");
                if b < 0x80 {
                    assert_eq!(flag(below(x, 0x21)), b < 0x21, "{b:#x}");
                }
            }
        }
        assert_eq!(first(equal(load(b"abc-defg", 0).unwrap_or(0), b'-')), 3);
        assert_eq!(load(b"short", 0), None);
        let text = b"Stalin.\xc2\xb9 in 1945, p.3";
        let expected: Vec<usize> = (0..text.len())
            .filter(|&i| text[i].is_ascii_digit())
            .collect();
        for from in 0..=text.len() {
            assert_eq!(
                find_digit(text, from),
                expected.iter().copied().find(|&i| i >= from),
                "from {from}"
            );
            assert_eq!(
                find_uppercase(text, from),
                (from..text.len()).find(|&i| text[i].is_ascii_uppercase()),
                "from {from}"
            );
        }
    }
}
