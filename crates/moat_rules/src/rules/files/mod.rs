//! Files: archives, permissions, temporary files and check-then-use races.

pub mod check_then_use_race;
pub mod hardcoded_temp_path;
pub mod permissive_file_mode;
pub mod tarfile_unsafe_extract;
pub mod tempfile_mktemp;
