//! Django: settings, middleware and view decorators.
