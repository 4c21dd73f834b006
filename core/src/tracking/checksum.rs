//! The six check-digit algorithms of the public tracking-number specification
//! (tracking_number_data v2.0.0, CHECKSUM_ALGORITHMS.md, after the `tracking_number` Ruby gem).
//! Each takes the serial number and the check digit as the kind's pattern captured them.

/// A check-digit algorithm with its parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checksum {
    /// Weighted digit sum mod 10; letters count as `(ASCII - 3) mod 10`.
    Mod10 {
        evens: u32,
        odds: u32,
        reverse: bool,
    },
    /// The serial number as an integer, mod 7.
    Mod7,
    /// UPU S10: weights 8 6 4 2 3 5 9 7, mod 11 (remainder 1 gives 0, 0 gives 5).
    S10,
    /// Luhn over the serial number.
    Luhn,
    /// ISO 7064 MOD 37,36 (DPD): the check character is a digit or a letter.
    Mod3736,
    /// Σ digit × weight, mod `m1`, mod `m2` (FedEx).
    SumProduct {
        weights: &'static [u32],
        m1: u32,
        m2: u32,
    },
}

fn digit(c: char) -> Option<u32> {
    c.to_digit(10)
}

impl Checksum {
    /// Whether `check` is the check digit of `serial`. False for characters the algorithm cannot
    /// weigh (never a panic).
    pub fn verify(self, serial: &str, check: &str) -> bool {
        let mut chars = check.chars();
        let (Some(check), None) = (chars.next(), chars.next()) else {
            return false;
        };
        match self {
            Checksum::Mod10 {
                evens,
                odds,
                reverse,
            } => {
                let values: Vec<u32> = serial
                    .chars()
                    .map(|c| digit(c).unwrap_or_else(|| (c as u32).wrapping_sub(3) % 10))
                    .collect();
                let ordered: Box<dyn Iterator<Item = &u32>> = if reverse {
                    Box::new(values.iter().rev())
                } else {
                    Box::new(values.iter())
                };
                let total: u32 = ordered
                    .enumerate()
                    .map(|(i, &x)| if i % 2 == 1 { x * odds } else { x * evens })
                    .sum();
                let c = (10 - total % 10) % 10;
                digit(check) == Some(c)
            }
            Checksum::Mod7 => {
                let Ok(n) = serial.parse::<u64>() else {
                    return false;
                };
                digit(check) == Some((n % 7) as u32)
            }
            Checksum::S10 => {
                const W: [u32; 8] = [8, 6, 4, 2, 3, 5, 9, 7];
                if serial.len() != 8 {
                    return false;
                }
                let mut total = 0;
                for (c, w) in serial.chars().zip(W) {
                    let Some(d) = digit(c) else { return false };
                    total += d * w;
                }
                let c = match total % 11 {
                    1 => 0,
                    0 => 5,
                    r => 11 - r,
                };
                digit(check) == Some(c)
            }
            Checksum::Luhn => {
                let mut total = 0;
                for (i, c) in serial.chars().rev().enumerate() {
                    let Some(mut x) = digit(c) else { return false };
                    if i % 2 == 0 {
                        x *= 2;
                        if x > 9 {
                            x -= 9;
                        }
                    }
                    total += x;
                }
                digit(check) == Some((10 - total % 10) % 10)
            }
            Checksum::Mod3736 => {
                let value = |c: char| c.to_digit(36);
                let m = 36u32;
                let mut cd = m;
                for c in serial.chars() {
                    let Some(v) = value(c) else { return false };
                    cd += v;
                    if cd > m {
                        cd -= m;
                    }
                    cd *= 2;
                    if cd > m {
                        cd -= m + 1;
                    }
                }
                let mut cd = (m + 1) - cd;
                if cd == m {
                    cd = 0;
                }
                value(check) == Some(cd)
            }
            Checksum::SumProduct { weights, m1, m2 } => {
                let mut total = 0u32;
                for (c, w) in serial.chars().zip(weights.iter()) {
                    let Some(d) = digit(c) else { return false };
                    total += d * w;
                }
                digit(check) == Some(total % m1 % m2)
            }
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Checksum::Mod10 { .. } => "mod10",
            Checksum::Mod7 => "mod7",
            Checksum::S10 => "s10",
            Checksum::Luhn => "luhn",
            Checksum::Mod3736 => "mod_37_36",
            Checksum::SumProduct { .. } => "sum_product_with_weightings_and_modulo",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_check_digits() {
        // UPS 1Z5R89390357567127: serial 5R8939035756712, check 7.
        assert!(
            Checksum::Mod10 {
                evens: 1,
                odds: 2,
                reverse: false
            }
            .verify("5R8939035756712", "7")
        );
        assert!(
            !Checksum::Mod10 {
                evens: 1,
                odds: 2,
                reverse: false
            }
            .verify("5R8939035756712", "8")
        );
        assert!(Checksum::S10.verify("12345678", "5"));
        assert!(!Checksum::S10.verify("12345678", "6"));
        assert!(Checksum::Luhn.verify("7992739871", "3"));
        assert!(Checksum::Mod7.verify("123456789", "1") == (123456789 % 7 == 1));
        assert!(
            Checksum::SumProduct {
                weights: &[3, 1, 7, 3, 1, 7, 3, 1, 7, 3, 1],
                m1: 11,
                m2: 10
            }
            .verify("98657878885", "5")
        );
        // Garbage never panics.
        for c in [
            Checksum::Mod7,
            Checksum::S10,
            Checksum::Luhn,
            Checksum::Mod3736,
        ] {
            assert!(!c.verify("12é4", "1"));
            assert!(!c.verify("1234", ""));
            assert!(!c.verify("1234", "12"));
        }
    }
}
