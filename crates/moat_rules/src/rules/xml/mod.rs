//! XML: parsers that resolve external entities or expand entities without bounds.
