//! Python's `re` flags, as letters (`(?aiLmsux)`, `--flags i,m`) and as the integers of the
//! `re` module (`flags=re.I | re.M`).

/// The flags that change how a pattern parses and matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Flags {
    /// `i`, `re.IGNORECASE`.
    pub ignore_case: bool,
    /// `m`, `re.MULTILINE`.
    pub multiline: bool,
    /// `s`, `re.DOTALL`.
    pub dotall: bool,
    /// `x`, `re.VERBOSE`.
    pub verbose: bool,
    /// `a`, `re.ASCII`.
    pub ascii: bool,
    /// `u`, `re.UNICODE` (the default for `str` patterns).
    pub unicode: bool,
    /// `L`, `re.LOCALE` (bytes patterns only).
    pub locale: bool,
}

impl Flags {
    /// The flags `re` gives these integer values (`re.I` = 2, `re.L` = 4, `re.M` = 8,
    /// `re.S` = 16, `re.U` = 32, `re.X` = 64, `re.A` = 256); other bits are ignored.
    pub fn from_bits(bits: i128) -> Flags {
        Flags {
            ignore_case: bits & 2 != 0,
            locale: bits & 4 != 0,
            multiline: bits & 8 != 0,
            dotall: bits & 16 != 0,
            unicode: bits & 32 != 0,
            verbose: bits & 64 != 0,
            ascii: bits & 256 != 0,
        }
    }

    /// Turns on the flag named by an inline letter; `false` for an unknown letter.
    pub fn set_letter(&mut self, letter: char, on: bool) -> bool {
        let flag = match letter {
            'i' => &mut self.ignore_case,
            'm' => &mut self.multiline,
            's' => &mut self.dotall,
            'x' => &mut self.verbose,
            'a' => &mut self.ascii,
            'u' => &mut self.unicode,
            'L' => &mut self.locale,
            _ => return false,
        };
        *flag = on;
        true
    }

    /// Parses a list of letters such as `i,m` or `ims` (also `re.I`-style names `I`,
    /// `IGNORECASE`, `M`…).
    pub fn from_letters(text: &str) -> Result<Flags, String> {
        let mut flags = Flags::default();
        for word in text.split([',', '|', ' ']).filter(|w| !w.is_empty()) {
            let word = word.strip_prefix("re.").unwrap_or(word);
            let letters = match word.to_ascii_uppercase().as_str() {
                "IGNORECASE" => "i".to_string(),
                "MULTILINE" => "m".to_string(),
                "DOTALL" => "s".to_string(),
                "VERBOSE" => "x".to_string(),
                "ASCII" => "a".to_string(),
                "UNICODE" => "u".to_string(),
                "LOCALE" => "L".to_string(),
                _ => word.to_string(),
            };
            for letter in letters.chars() {
                let letter = if letter == 'l' || letter == 'L' {
                    'L'
                } else {
                    letter.to_ascii_lowercase()
                };
                if !flags.set_letter(letter, true) {
                    return Err(format!(
                        "unknown flag `{letter}` (expected i, m, s, x, a, u or L)"
                    ));
                }
            }
        }
        Ok(flags)
    }

    /// The flags as inline letters, in Python's order (`aiLmsux`).
    pub fn letters(&self) -> String {
        [
            (self.ascii, 'a'),
            (self.ignore_case, 'i'),
            (self.locale, 'L'),
            (self.multiline, 'm'),
            (self.dotall, 's'),
            (self.unicode, 'u'),
            (self.verbose, 'x'),
        ]
        .into_iter()
        .filter_map(|(on, letter)| on.then_some(letter))
        .collect()
    }
}
