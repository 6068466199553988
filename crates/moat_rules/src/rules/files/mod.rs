//! Files: archives, permissions, temporary files and check-then-use races.
