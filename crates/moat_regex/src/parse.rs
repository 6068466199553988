//! A parser for the pattern syntax of Python 3.11+'s `re` module. It accepts what `re`
//! accepts and rejects what `re` rejects, with `re`'s message and position.

use crate::ast::{Anchor, Greed, Kind, Node, Span};
use crate::charset::{CharSet, MAX_BYTE, MAX_CHAR};
use crate::classes::{ClassKind, ClassMode, alphabet, case_variants, class_set, fold_case};
use crate::flags::Flags;
use std::fmt;

/// The largest repeat count `re` accepts (`_sre.MAXREPEAT - 1`).
const MAX_REPEAT: u64 = 4_294_967_294;
/// Deeper nesting than this is refused rather than recursed into.
const MAX_DEPTH: usize = 200;

/// The text of a pattern: a `str` or a `bytes` object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternText {
    Str(String),
    Bytes(Vec<u8>),
}

impl PatternText {
    /// The pattern's characters (code points, or bytes).
    pub fn units(&self) -> Vec<u32> {
        match self {
            PatternText::Str(s) => s.chars().map(|c| c as u32).collect(),
            PatternText::Bytes(b) => b.iter().map(|&b| b as u32).collect(),
        }
    }

    /// Whether this is a bytes pattern.
    pub fn is_bytes(&self) -> bool {
        matches!(self, PatternText::Bytes(_))
    }
}

/// Why `re.compile` would reject the pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// `re.error.msg`, word for word where `re` has one.
    pub message: String,
    /// `re.error.pos`: the index (in characters) the error refers to, when there is one.
    pub position: Option<usize>,
    /// The pattern is nested deeper than Moat parses (Python may well accept it).
    pub beyond_bounds: bool,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some(pos) => write!(f, "{} at position {pos}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

/// A parsed pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The pattern's characters.
    pub text: Vec<u32>,
    pub root: Node,
    /// Number of capturing groups.
    pub groups: u32,
    /// Named groups and their numbers.
    pub names: Vec<(String, u32)>,
    pub bytes: bool,
    /// The flags in force at the top level (arguments plus leading inline flags).
    pub flags: Flags,
}

/// Parses `text` with `flags` (the `flags=` argument) as `re.compile` would.
pub fn parse(text: &PatternText, flags: Flags) -> Result<Pattern, SyntaxError> {
    let bytes = text.is_bytes();
    let mut flags = flags;
    if bytes && flags.unicode {
        return Err(plain("cannot use UNICODE flag with a bytes pattern"));
    }
    if !bytes && flags.locale {
        return Err(plain("cannot use LOCALE flag with a str pattern"));
    }
    if flags.ascii && (flags.unicode || flags.locale) {
        return Err(plain(if flags.unicode {
            "ASCII and UNICODE flags are incompatible"
        } else {
            "ASCII and LOCALE flags are incompatible"
        }));
    }
    if !bytes && !flags.ascii {
        flags.unicode = true;
    }
    let mut parser = Parser {
        text: text.units(),
        pos: 0,
        bytes,
        groups: 0,
        open: Vec::new(),
        names: Vec::new(),
        group_refs: Vec::new(),
        global: flags,
        at_start: true,
    };
    let root = parser.alternation(flags, 0)?;
    if parser.pos < parser.text.len() {
        // Only a `)` stops the top-level alternation early.
        return Err(parser.error_at("unbalanced parenthesis", parser.pos));
    }
    for &(group, pos) in &parser.group_refs {
        if group > parser.groups {
            return Err(parser.error_at(format!("invalid group reference {group}"), pos));
        }
    }
    Ok(Pattern {
        text: parser.text,
        root,
        groups: parser.groups,
        names: parser.names,
        bytes,
        flags: parser.global,
    })
}

fn plain(message: &str) -> SyntaxError {
    SyntaxError {
        message: message.to_string(),
        position: None,
        beyond_bounds: false,
    }
}

struct Parser {
    text: Vec<u32>,
    pos: usize,
    bytes: bool,
    groups: u32,
    /// Groups opened and not yet closed.
    open: Vec<u32>,
    names: Vec<(String, u32)>,
    /// Conditional group references, checked once every group is known.
    group_refs: Vec<(u32, usize)>,
    global: Flags,
    /// No item has been parsed yet (global flags are allowed).
    at_start: bool,
}

/// What a class item inside `[…]` is.
enum ClassItem {
    Char(u32),
    Set(CharSet),
}

impl Parser {
    fn error_at(&self, message: impl Into<String>, pos: usize) -> SyntaxError {
        SyntaxError {
            message: message.into(),
            position: Some(pos),
            beyond_bounds: false,
        }
    }

    fn peek(&self) -> Option<u32> {
        self.text.get(self.pos).copied()
    }

    fn peek_char(&self) -> Option<char> {
        self.peek().and_then(char::from_u32)
    }

    fn next_char(&mut self) -> Option<char> {
        let c = self.peek_char();
        if self.pos < self.text.len() {
            self.pos += 1;
        }
        c
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek_char() == Some(c) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn mode(&self, flags: Flags) -> ClassMode {
        if self.bytes || flags.ascii || flags.locale {
            ClassMode::Ascii
        } else {
            ClassMode::Unicode
        }
    }

    fn max(&self) -> u32 {
        if self.bytes { MAX_BYTE } else { MAX_CHAR }
    }

    fn node(kind: Kind, span: Span) -> Node {
        Node { kind, span }
    }

    /// `a|b|…` up to a `)` or the end.
    fn alternation(&mut self, flags: Flags, depth: usize) -> Result<Node, SyntaxError> {
        if depth > MAX_DEPTH {
            return Err(SyntaxError {
                beyond_bounds: true,
                ..self.error_at(
                    "the pattern nests groups deeper than Moat analyses",
                    self.pos,
                )
            });
        }
        let start = self.pos;
        let mut branches = vec![self.sequence(flags, depth)?];
        while self.eat('|') {
            branches.push(self.sequence(flags, depth)?);
        }
        if branches.len() == 1 {
            return Ok(branches.pop().expect("one branch"));
        }
        Ok(Self::node(Kind::Alternation(branches), start..self.pos))
    }

    /// Skips whitespace and `#` comments in verbose mode.
    fn skip_verbose(&mut self, flags: Flags) {
        if !flags.verbose {
            return;
        }
        while let Some(c) = self.peek_char() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c') {
                self.pos += 1;
            } else if c == '#' {
                while let Some(c) = self.next_char() {
                    if c == '\n' {
                        break;
                    }
                }
            } else {
                break;
            }
        }
    }

    /// The items of one branch, with their quantifiers.
    fn sequence(&mut self, mut flags: Flags, depth: usize) -> Result<Node, SyntaxError> {
        let start = self.pos;
        let mut items: Vec<Node> = Vec::new();
        loop {
            self.skip_verbose(flags);
            let item_start = self.pos;
            let Some(c) = self.peek_char() else {
                if self.peek().is_some() {
                    // A unit that is not a char cannot occur in text we built; be safe.
                    return Err(self.error_at("bad character", self.pos));
                }
                break;
            };
            match c {
                '|' | ')' => break,
                '*' | '+' | '?' | '{' => {
                    if c == '{' && !self.bounds_follow() {
                        self.pos += 1;
                        items.push(self.literal('{' as u32, flags, item_start));
                        continue;
                    }
                    let (min, max) = self.quantifier()?;
                    let greed = if self.eat('?') {
                        Greed::Lazy
                    } else if self.eat('+') {
                        Greed::Possessive
                    } else {
                        Greed::Greedy
                    };
                    let Some(last) = items.pop() else {
                        return Err(self.error_at("nothing to repeat", item_start));
                    };
                    match last.kind {
                        Kind::Anchor(_) => {
                            return Err(self.error_at("nothing to repeat", item_start));
                        }
                        Kind::Repeat { .. } => {
                            return Err(self.error_at("multiple repeat", item_start));
                        }
                        _ => {}
                    }
                    let span = last.span.start..self.pos;
                    items.push(Self::node(
                        Kind::Repeat {
                            body: Box::new(last),
                            min,
                            max,
                            greed,
                        },
                        span,
                    ));
                }
                '(' => {
                    if let Some(group) = self.group(&mut flags, depth)? {
                        items.push(group);
                    }
                    continue;
                }
                '[' => {
                    let set = self.class(flags)?;
                    items.push(Self::node(Kind::Set(set), item_start..self.pos));
                }
                '.' => {
                    self.pos += 1;
                    let all = alphabet(self.bytes);
                    let set = if flags.dotall {
                        all
                    } else {
                        all.minus(&CharSet::single('\n' as u32))
                    };
                    items.push(Self::node(Kind::Set(set), item_start..self.pos));
                }
                '^' => {
                    self.pos += 1;
                    let anchor = if flags.multiline {
                        Anchor::StartOfLine
                    } else {
                        Anchor::StartOfText
                    };
                    items.push(Self::node(Kind::Anchor(anchor), item_start..self.pos));
                }
                '$' => {
                    self.pos += 1;
                    let anchor = if flags.multiline {
                        Anchor::EndOfLine
                    } else {
                        Anchor::EndOfTextOrFinalNewline
                    };
                    items.push(Self::node(Kind::Anchor(anchor), item_start..self.pos));
                }
                '\\' => {
                    let node = self.escape(flags)?;
                    items.push(node);
                }
                _ => {
                    self.pos += 1;
                    let unit = self.text[item_start];
                    items.push(self.literal(unit, flags, item_start));
                }
            }
            self.at_start = false;
        }
        let span = start..self.pos;
        Ok(match items.len() {
            0 => Self::node(Kind::Empty, span),
            1 => items.pop().expect("one item"),
            _ => Self::node(Kind::Concat(items), span),
        })
    }

    fn literal(&self, unit: u32, flags: Flags, start: usize) -> Node {
        Self::node(Kind::Set(self.literal_set(unit, flags)), start..self.pos)
    }

    fn literal_set(&self, unit: u32, flags: Flags) -> CharSet {
        if flags.ignore_case {
            CharSet::from_ranges(
                case_variants(unit, self.mode(flags))
                    .into_iter()
                    .filter(|&v| v <= self.max())
                    .map(|v| (v, v))
                    .collect(),
            )
        } else {
            CharSet::single(unit)
        }
    }

    /// Whether a `{` starts a valid `{m}`, `{m,}`, `{,n}` or `{m,n}`.
    fn bounds_follow(&self) -> bool {
        let mut i = self.pos + 1;
        let digit = |i: usize| {
            self.text
                .get(i)
                .and_then(|&u| char::from_u32(u))
                .is_some_and(|c| c.is_ascii_digit())
        };
        let at = |i: usize, c: char| self.text.get(i).copied() == Some(c as u32);
        let lo_start = i;
        while digit(i) {
            i += 1;
        }
        let has_lo = i > lo_start;
        if at(i, ',') {
            i += 1;
            while digit(i) {
                i += 1;
            }
        } else if !has_lo {
            return false;
        }
        at(i, '}')
    }

    /// Reads `*`, `+`, `?` or a `{…}` known to be valid.
    fn quantifier(&mut self) -> Result<(u32, Option<u32>), SyntaxError> {
        let start = self.pos;
        match self.next_char() {
            Some('*') => Ok((0, None)),
            Some('+') => Ok((1, None)),
            Some('?') => Ok((0, Some(1))),
            _ => {
                let lo = self.number();
                let hi = if self.eat(',') {
                    self.number()
                } else {
                    Some(lo.unwrap_or(0))
                };
                self.eat('}');
                let too_large = |n: u64| n > MAX_REPEAT;
                let lo = lo.unwrap_or(0);
                if too_large(lo) || hi.is_some_and(too_large) {
                    return Err(self.error_at("the repetition number is too large", start + 1));
                }
                if let Some(hi) = hi
                    && hi < lo
                {
                    return Err(self.error_at("min repeat greater than max repeat", start + 1));
                }
                Ok((lo as u32, hi.map(|h| h as u32)))
            }
        }
    }

    fn number(&mut self) -> Option<u64> {
        let start = self.pos;
        let mut value: u64 = 0;
        while let Some(c) = self.peek_char().filter(char::is_ascii_digit) {
            value = value
                .saturating_mul(10)
                .saturating_add(c as u64 - '0' as u64);
            self.pos += 1;
        }
        (self.pos > start).then_some(value)
    }

    /// A group of any kind, at `(`. `None` for a comment or global flags.
    fn group(&mut self, flags: &mut Flags, depth: usize) -> Result<Option<Node>, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut body_flags = *flags;
        let mut index = None;
        let mut name = None;
        let mut kind_atomic = false;
        let mut look: Option<(bool, bool)> = None;
        if self.eat('?') {
            let Some(c) = self.next_char() else {
                return Err(self.error_at("unexpected end of pattern", self.pos));
            };
            match c {
                'P' => {
                    let Some(c) = self.next_char() else {
                        return Err(self.error_at("unexpected end of pattern", self.pos));
                    };
                    match c {
                        '<' => {
                            let group_name = self.group_name('>', false)?;
                            let number = self.groups + 1;
                            if let Some((_, was)) =
                                self.names.iter().find(|(n, _)| *n == group_name.0)
                            {
                                return Err(self.error_at(
                                    format!(
                                        "redefinition of group name '{}' as group {number}; was group {was}",
                                        group_name.0
                                    ),
                                    group_name.1,
                                ));
                            }
                            self.names.push((group_name.0.clone(), number));
                            name = Some(group_name.0);
                            index = Some(self.open_group());
                        }
                        '=' => {
                            let (group_name, name_pos) = self.group_name(')', false)?;
                            let Some(&(_, group)) =
                                self.names.iter().find(|(n, _)| *n == group_name)
                            else {
                                return Err(self.error_at(
                                    format!("unknown group name '{group_name}'"),
                                    name_pos,
                                ));
                            };
                            if self.open.contains(&group) {
                                return Err(
                                    self.error_at("cannot refer to an open group", name_pos)
                                );
                            }
                            self.at_start = false;
                            return Ok(Some(Self::node(
                                Kind::Backref {
                                    group,
                                    ignore_case: flags.ignore_case,
                                },
                                start..self.pos,
                            )));
                        }
                        other => {
                            return Err(
                                self.error_at(format!("unknown extension ?P{other}"), start + 1)
                            );
                        }
                    }
                }
                ':' => {}
                '>' => kind_atomic = true,
                '=' => look = Some((false, false)),
                '!' => look = Some((false, true)),
                '<' => match self.next_char() {
                    Some('=') => look = Some((true, false)),
                    Some('!') => look = Some((true, true)),
                    Some(other) => {
                        return Err(
                            self.error_at(format!("unknown extension ?<{other}"), start + 1)
                        );
                    }
                    None => return Err(self.error_at("unexpected end of pattern", self.pos)),
                },
                '#' => {
                    loop {
                        match self.next_char() {
                            Some(')') => break,
                            Some(_) => {}
                            None => {
                                return Err(self.error_at("missing ), unterminated comment", start));
                            }
                        }
                    }
                    return Ok(None);
                }
                '(' => return self.conditional(start, *flags, depth).map(Some),
                c if c == '-' || "aiLmsux".contains(c) => {
                    self.pos -= 1;
                    match self.inline_flags(flags)? {
                        None => {
                            // Global flags: allowed only before anything else.
                            if !self.at_start || depth > 0 {
                                return Err(self.error_at(
                                    "global flags not at the start of the expression",
                                    start,
                                ));
                            }
                            self.global = *flags;
                            return Ok(None);
                        }
                        Some(scoped) => body_flags = scoped,
                    }
                }
                other => {
                    return Err(self.error_at(format!("unknown extension ?{other}"), start + 1));
                }
            }
        } else {
            index = Some(self.open_group());
        }
        self.at_start = false;
        let body = self.alternation(body_flags, depth + 1)?;
        if !self.eat(')') {
            return Err(self.error_at("missing ), unterminated subpattern", start));
        }
        if let Some(i) = index {
            self.open.retain(|&g| g != i);
        }
        let span = start..self.pos;
        let body = Box::new(body);
        let kind = if let Some((behind, negate)) = look {
            let width = if behind {
                match body.width() {
                    (lo, Some(hi)) if lo == hi => lo,
                    _ => return Err(plain("look-behind requires fixed-width pattern")),
                }
            } else {
                0
            };
            Kind::Look {
                behind,
                negate,
                width,
                body,
            }
        } else if kind_atomic {
            Kind::Atomic(body)
        } else {
            Kind::Group { index, name, body }
        };
        Ok(Some(Self::node(kind, span)))
    }

    fn open_group(&mut self) -> u32 {
        self.groups += 1;
        self.open.push(self.groups);
        self.groups
    }

    /// A group name up to `terminator`, with the position where it starts.
    fn group_name(
        &mut self,
        terminator: char,
        numbers: bool,
    ) -> Result<(String, usize), SyntaxError> {
        let start = self.pos;
        let mut name = String::new();
        loop {
            match self.next_char() {
                Some(c) if c == terminator => break,
                Some(c) => name.push(c),
                None => {
                    return Err(
                        self.error_at(format!("missing {terminator}, unterminated name"), start)
                    );
                }
            }
        }
        if name.is_empty() {
            return Err(self.error_at("missing group name", start));
        }
        let number = numbers && name.chars().all(|c| c.is_ascii_digit());
        if !number && !is_identifier(&name) {
            return Err(self.error_at(format!("bad character in group name '{name}'"), start));
        }
        Ok((name, start))
    }

    /// `(?(cond)yes|no)`, after `(?(`.
    fn conditional(
        &mut self,
        start: usize,
        flags: Flags,
        depth: usize,
    ) -> Result<Node, SyntaxError> {
        let (name, name_pos) = self.group_name(')', true)?;
        let group = if name.chars().all(|c| c.is_ascii_digit()) {
            let group: u32 = name.parse().unwrap_or(u32::MAX);
            if group == 0 {
                return Err(self.error_at("bad group number", name_pos));
            }
            self.group_refs.push((group, name_pos));
            group
        } else {
            match self.names.iter().find(|(n, _)| *n == name) {
                Some(&(_, g)) => g,
                None => {
                    return Err(self.error_at(format!("unknown group name '{name}'"), name_pos));
                }
            }
        };
        self.at_start = false;
        let yes = self.sequence(flags, depth + 1)?;
        let no = if self.eat('|') {
            let no = self.sequence(flags, depth + 1)?;
            if self.peek_char() == Some('|') {
                return Err(
                    self.error_at("conditional backref with more than two branches", self.pos)
                );
            }
            no
        } else {
            Self::node(Kind::Empty, self.pos..self.pos)
        };
        if !self.eat(')') {
            return Err(self.error_at("missing ), unterminated subpattern", start));
        }
        Ok(Self::node(
            Kind::Conditional {
                group,
                yes: Box::new(yes),
                no: Box::new(no),
            },
            start..self.pos,
        ))
    }

    /// Inline flags after `(?`: `None` for global flags `(?i)` (applied to `flags`), the
    /// scoped flags for `(?i-m:…)` (the `:` consumed).
    fn inline_flags(&mut self, flags: &mut Flags) -> Result<Option<Flags>, SyntaxError> {
        let mut on = Flags::default();
        let mut any_on = false;
        while let Some(c) = self.peek_char().filter(|c| "aiLmsux".contains(*c)) {
            self.pos += 1;
            on.set_letter(c, true);
            any_on = true;
            if (c == 'L' && !self.bytes) || (c == 'u' && self.bytes) {
                let message = if c == 'L' {
                    "bad inline flags: cannot use 'L' flag with a str pattern"
                } else {
                    "bad inline flags: cannot use 'u' flag with a bytes pattern"
                };
                return Err(self.error_at(message, self.pos));
            }
            if [on.ascii, on.unicode, on.locale]
                .iter()
                .filter(|&&f| f)
                .count()
                > 1
            {
                return Err(self.error_at(
                    "bad inline flags: flags 'a', 'u' and 'L' are incompatible",
                    self.pos,
                ));
            }
        }
        let mut off = Flags::default();
        match self.next_char() {
            Some(')') if any_on => {
                apply(flags, on);
                Ok(None)
            }
            Some(':') => {
                let mut scoped = *flags;
                apply(&mut scoped, on);
                Ok(Some(scoped))
            }
            Some('-') => {
                let mut any_off = false;
                while let Some(c) = self.peek_char().filter(|c| "aiLmsux".contains(*c)) {
                    self.pos += 1;
                    if "auL".contains(c) {
                        return Err(self.error_at(
                            "bad inline flags: cannot turn off flags 'a', 'u' and 'L'",
                            self.pos,
                        ));
                    }
                    off.set_letter(c, true);
                    any_off = true;
                }
                if !any_off {
                    return Err(self.error_at("missing flag", self.pos));
                }
                if (on.ignore_case && off.ignore_case)
                    || (on.multiline && off.multiline)
                    || (on.dotall && off.dotall)
                    || (on.verbose && off.verbose)
                {
                    return Err(self.error_at("bad inline flags: flag turned on and off", self.pos));
                }
                if !self.eat(':') {
                    return Err(self.error_at("missing :", self.pos));
                }
                let mut scoped = *flags;
                apply(&mut scoped, on);
                scoped.ignore_case &= !off.ignore_case;
                scoped.multiline &= !off.multiline;
                scoped.dotall &= !off.dotall;
                scoped.verbose &= !off.verbose;
                Ok(Some(scoped))
            }
            Some(_) => {
                self.pos -= 1;
                Err(self.error_at(
                    if any_on {
                        "missing -, : or )"
                    } else {
                        "unknown flag"
                    },
                    self.pos,
                ))
            }
            None => Err(self.error_at("missing -, : or )", self.pos)),
        }
    }

    /// An escape outside a class, at `\`.
    fn escape(&mut self, flags: Flags) -> Result<Node, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let Some(c) = self.next_char() else {
            return Err(self.error_at("bad escape (end of pattern)", start));
        };
        let mode = self.mode(flags);
        let ascii = mode == ClassMode::Ascii;
        let anchor = match c {
            'A' => Some(Anchor::StartOfText),
            'Z' => Some(Anchor::EndOfText),
            'b' => Some(Anchor::WordBoundary { ascii }),
            'B' => Some(Anchor::NotWordBoundary { ascii }),
            _ => None,
        };
        if let Some(anchor) = anchor {
            return Ok(Self::node(Kind::Anchor(anchor), start..self.pos));
        }
        if let Some(set) = self.category(c, flags) {
            return Ok(Self::node(Kind::Set(set), start..self.pos));
        }
        if c.is_ascii_digit() {
            if let Some(unit) = self.octal_or_backref(c, start)? {
                return Ok(self.literal(unit, flags, start));
            }
            let group = self.backref_number(c);
            if group > self.groups {
                return Err(self.error_at(format!("invalid group reference {group}"), start + 1));
            }
            if self.open.contains(&group) {
                return Err(self.error_at("cannot refer to an open group", start + 1));
            }
            return Ok(Self::node(
                Kind::Backref {
                    group,
                    ignore_case: flags.ignore_case,
                },
                start..self.pos,
            ));
        }
        let unit = self.common_escape(c, start)?;
        Ok(self.literal(unit, flags, start))
    }

    /// `\d`, `\D`, `\w`, `\W`, `\s`, `\S`.
    fn category(&self, c: char, flags: Flags) -> Option<CharSet> {
        let mode = self.mode(flags);
        let (kind, negate) = match c {
            'd' => (ClassKind::Digit, false),
            'D' => (ClassKind::Digit, true),
            'w' => (ClassKind::Word, false),
            'W' => (ClassKind::Word, true),
            's' => (ClassKind::Space, false),
            'S' => (ClassKind::Space, true),
            _ => return None,
        };
        let set = class_set(kind, mode).intersect(&alphabet(self.bytes));
        Some(if negate {
            set.complement(self.max())
        } else {
            set
        })
    }

    /// After `\` and a digit outside a class: an octal escape's value, or `None` for a
    /// group reference.
    fn octal_or_backref(&mut self, first: char, start: usize) -> Result<Option<u32>, SyntaxError> {
        let is_oct = |c: Option<char>| c.is_some_and(|c| ('0'..='7').contains(&c));
        if first == '0' {
            let mut value = 0;
            for _ in 0..2 {
                if is_oct(self.peek_char()) {
                    value = value * 8 + (self.next_char().expect("peeked") as u32 - '0' as u32);
                } else {
                    break;
                }
            }
            return Ok(Some(value));
        }
        let second = self.peek_char();
        let third = self.text.get(self.pos + 1).and_then(|&u| char::from_u32(u));
        if is_oct(Some(first)) && is_oct(second) && is_oct(third) {
            self.pos += 2;
            let digits: String = [first, second.expect("oct"), third.expect("oct")]
                .iter()
                .collect();
            let value = u32::from_str_radix(&digits, 8).expect("octal digits");
            if value > 0o377 {
                return Err(self.error_at(
                    format!("octal escape value \\{digits} outside of range 0-0o377"),
                    start,
                ));
            }
            return Ok(Some(value));
        }
        Ok(None)
    }

    fn backref_number(&mut self, first: char) -> u32 {
        let mut group = first as u32 - '0' as u32;
        if let Some(c) = self.peek_char().filter(char::is_ascii_digit) {
            self.pos += 1;
            group = group * 10 + (c as u32 - '0' as u32);
        }
        group
    }

    /// Escapes with the same meaning inside and outside a class: `\n`, `\x41`, `\u…`,
    /// `\N{…}`, `\.`…; returns the character.
    fn common_escape(&mut self, c: char, start: usize) -> Result<u32, SyntaxError> {
        let simple = match c {
            'a' => Some(7),
            'f' => Some(12),
            'n' => Some(10),
            'r' => Some(13),
            't' => Some(9),
            'v' => Some(11),
            '\\' => Some('\\' as u32),
            _ => None,
        };
        if let Some(unit) = simple {
            return Ok(unit);
        }
        let hex = |p: &mut Parser, count: usize| -> Result<u32, SyntaxError> {
            let digits_start = p.pos;
            let mut digits = String::new();
            while digits.len() < count {
                match p.peek_char().filter(char::is_ascii_hexdigit) {
                    Some(d) => {
                        digits.push(d);
                        p.pos += 1;
                    }
                    None => break,
                }
            }
            if digits.len() < count {
                let seen: String = p.text[start..digits_start + digits.len()]
                    .iter()
                    .filter_map(|&u| char::from_u32(u))
                    .collect();
                return Err(p.error_at(format!("incomplete escape {seen}"), start));
            }
            Ok(u32::from_str_radix(&digits, 16).expect("hex digits"))
        };
        match c {
            'x' => hex(self, 2),
            'u' | 'U' if !self.bytes => {
                let value = hex(self, if c == 'u' { 4 } else { 8 })?;
                if value > MAX_CHAR {
                    let seen: String = self.text[start..self.pos]
                        .iter()
                        .filter_map(|&u| char::from_u32(u))
                        .collect();
                    return Err(self.error_at(format!("bad escape {seen}"), start));
                }
                Ok(value)
            }
            'N' if !self.bytes => {
                if !self.eat('{') {
                    return Err(self.error_at("missing {", self.pos));
                }
                let name_start = self.pos;
                while self.peek_char().is_some_and(|c| c != '}') {
                    self.pos += 1;
                }
                if !self.eat('}') || self.pos == name_start + 1 {
                    return Err(self.error_at("missing }, unterminated name", name_start));
                }
                // Character names are not tabulated here: the name stands for a private-use
                // character of its own, which overlaps no class and no other name.
                let name: u32 = self.text[name_start..self.pos - 1]
                    .iter()
                    .fold(0u32, |h, &u| h.wrapping_mul(31).wrapping_add(u));
                Ok(0xF0000 + name % 0xFFFE)
            }
            c if c.is_ascii_alphanumeric() => {
                Err(self.error_at(format!("bad escape \\{c}"), start))
            }
            _ => Ok(self.text[self.pos - 1]),
        }
    }

    /// A character class, at `[`.
    fn class(&mut self, flags: Flags) -> Result<CharSet, SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let negate = self.eat('^');
        let mut ranges: Vec<(u32, u32)> = Vec::new();
        let mut first = true;
        loop {
            let item_start = self.pos;
            let Some(c) = self.peek_char() else {
                return Err(self.error_at("unterminated character set", start));
            };
            if c == ']' && !first {
                self.pos += 1;
                break;
            }
            first = false;
            let item = self.class_item(flags)?;
            // A range `a-z`, unless the `-` ends the class.
            if self.peek_char() == Some('-')
                && self
                    .text
                    .get(self.pos + 1)
                    .is_some_and(|&u| u != ']' as u32)
            {
                self.pos += 1;
                let hi_item = self.class_item(flags)?;
                let describe = |p: &Parser| -> String {
                    p.text[item_start..p.pos]
                        .iter()
                        .filter_map(|&u| char::from_u32(u))
                        .collect()
                };
                match (item, hi_item) {
                    (ClassItem::Char(lo), ClassItem::Char(hi)) => {
                        if hi < lo {
                            return Err(self.error_at(
                                format!("bad character range {}", describe(self)),
                                item_start,
                            ));
                        }
                        ranges.push((lo, hi));
                    }
                    _ => {
                        return Err(self.error_at(
                            format!("bad character range {}", describe(self)),
                            item_start,
                        ));
                    }
                }
                continue;
            }
            match item {
                ClassItem::Char(c) => ranges.push((c, c)),
                ClassItem::Set(set) => ranges.extend_from_slice(set.ranges()),
            }
        }
        let mut set = CharSet::from_ranges(ranges);
        if flags.ignore_case {
            set = fold_case(&set, self.mode(flags));
        }
        set = set.intersect(&alphabet(self.bytes));
        Ok(if negate {
            set.complement(self.max())
        } else {
            set
        })
    }

    /// One character or class escape inside `[…]`.
    fn class_item(&mut self, flags: Flags) -> Result<ClassItem, SyntaxError> {
        let start = self.pos;
        let Some(c) = self.next_char() else {
            return Err(self.error_at("unterminated character set", start));
        };
        if c != '\\' {
            return Ok(ClassItem::Char(self.text[start]));
        }
        let Some(e) = self.next_char() else {
            return Err(self.error_at("bad escape (end of pattern)", start));
        };
        if let Some(set) = self.category(e, flags) {
            return Ok(ClassItem::Set(set));
        }
        match e {
            'b' => Ok(ClassItem::Char(8)),
            '0'..='7' => {
                let mut digits = e.to_string();
                while digits.len() < 3 {
                    match self.peek_char().filter(|c| ('0'..='7').contains(c)) {
                        Some(d) => {
                            digits.push(d);
                            self.pos += 1;
                        }
                        None => break,
                    }
                }
                let value = u32::from_str_radix(&digits, 8).expect("octal digits");
                if value > 0o377 {
                    return Err(self.error_at(
                        format!("octal escape value \\{digits} outside of range 0-0o377"),
                        start,
                    ));
                }
                Ok(ClassItem::Char(value))
            }
            _ => self.common_escape(e, start).map(ClassItem::Char),
        }
    }
}

fn apply(flags: &mut Flags, on: Flags) {
    flags.ignore_case |= on.ignore_case;
    flags.multiline |= on.multiline;
    flags.dotall |= on.dotall;
    flags.verbose |= on.verbose;
    if on.ascii {
        flags.ascii = true;
        flags.unicode = false;
    }
    if on.unicode {
        flags.unicode = true;
        flags.ascii = false;
    }
    flags.locale |= on.locale;
}

/// Python's `str.isidentifier`, closely enough: a letter or `_`, then letters, digits, `_`.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}
