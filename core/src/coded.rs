//! Fieldless enums with stable codes: the [`coded_enum!`] macro gives each its wire and database
//! code, its label for people and parsing from codes, labels and aliases. Owns the macro and the
//! key folding it parses with; used by orders, events and carriers.

/// Defines a fieldless enum with stable wire codes, human labels and parsing from codes or aliases.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident ($what:literal) {
        $($(#[$vmeta:meta])* $variant:ident = $code:literal, $label:literal $(| $alias:literal)*;)+
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name { $($(#[$vmeta])* $variant,)+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable code used on the wire, in the database and in scripts.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code,)+ }
            }

            /// The name shown to people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }

            /// Parses a code, a label or an alias, ignoring case, spaces, `_` and `-`.
            pub fn parse(input: &str) -> Result<Self, $crate::coded::UnknownCode> {
                let key = $crate::coded::fold_key(input);
                $(
                    if key == $crate::coded::fold_key($code)
                        || key == $crate::coded::fold_key($label)
                        $(|| key == $crate::coded::fold_key($alias))* {
                        return Ok($name::$variant);
                    }
                )+
                Err($crate::coded::UnknownCode(format!(
                    "unknown {} {:?}: expected one of {}",
                    $what,
                    input,
                    [$($code),+].join(", ")
                )))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use coded_enum;

/// A code, label or alias that names none of an enum's values; the message lists the codes.
/// Becomes [`crate::error::Error::InvalidArgument`] with the same message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCode(pub String);

impl std::fmt::Display for UnknownCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // As the core's error shows it.
        write!(f, "invalid argument: {}", self.0)
    }
}

impl std::error::Error for UnknownCode {}

/// Lower-cases and drops separators so "Easy Ship", "easy_ship" and "EASY-SHIP" compare equal.
pub(crate) fn fold_key(s: &str) -> String {
    s.chars()
        .filter(|c| !(c.is_whitespace() || matches!(c, '-' | '_' | '/' | '–')))
        .flat_map(char::to_lowercase)
        .collect()
}

