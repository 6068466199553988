//! Import-level reachability for `moat audit`: which modules the project's own Python code
//! imports (absolute imports anywhere in a file, and `importlib.import_module` with a
//! constant), found by parsing the project's files in parallel as `moat check` does. It
//! says whether a vulnerable package is imported at all, not whether the vulnerable code
//! runs.

use crate::analysis::{analysis_pool, guarded, parse_problem, read_source};
use moat_diagnostics::Problem;
use moat_python::{LineIndex, parse_module};
use moat_semantic::{SemanticModel, absolute_imports, module_name_for_path};
use moat_workspace::SourceFile;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// The modules a project imports, each with its first import site.
#[derive(Debug, Default)]
pub struct ImportScan {
    /// Dotted module → the first `(file, line)` importing it (files in display order).
    sites: BTreeMap<String, (String, u32)>,
    /// Python files whose imports were read.
    pub files: usize,
    /// Files that could not be read or parsed, left out of the scan.
    pub skipped: Vec<Problem>,
}

impl ImportScan {
    /// Reads the imports of `files` on `threads` threads (0: one per core).
    pub fn run(files: &[SourceFile], threads: usize) -> Self {
        let scanned: Vec<Result<Vec<(String, u32)>, Problem>> =
            analysis_pool(threads).install(|| {
                files
                    .par_iter()
                    .map(|file| guarded(file, || imports_of(file)))
                    .collect()
            });
        let mut scan = Self::default();
        for (file, result) in files.iter().zip(scanned) {
            match result {
                Ok(imports) => {
                    scan.files += 1;
                    for (module, line) in imports {
                        let site = (file.display.clone(), line);
                        scan.sites
                            .entry(module)
                            .and_modify(|first| *first = (*first).clone().min(site.clone()))
                            .or_insert(site);
                    }
                }
                Err(problem) => scan.skipped.push(problem),
            }
        }
        scan
    }

    /// The first site importing any of `names` (`yaml` matches `import yaml` and
    /// `from yaml.loader import X`; `google.protobuf` does not match `import google.cloud`).
    pub fn first_import(&self, names: &[String]) -> Option<(&str, u32)> {
        names
            .iter()
            .flat_map(|name| {
                self.sites
                    .range(name.clone()..)
                    .take_while(move |(module, _)| module.starts_with(name.as_str()))
                    .filter(move |(module, _)| {
                        module.len() == name.len() || module[name.len()..].starts_with('.')
                    })
                    .map(|(_, (file, line))| (file.as_str(), *line))
            })
            .min()
    }
}

/// The absolute imports of one file, with 1-based lines.
fn imports_of(file: &SourceFile) -> Result<Vec<(String, u32)>, Problem> {
    let text = read_source(file)?;
    let parsed = parse_module(&text).map_err(|failure| parse_problem(file, &text, failure))?;
    let (module_name, is_package) = module_name_for_path(&file.path, &|_| false);
    let model = SemanticModel::new(parsed.suite(), &module_name, is_package, None);
    let index = LineIndex::new(&text);
    Ok(absolute_imports(&model, parsed.suite())
        .into_iter()
        .map(|site| (site.module, index.position(site.offset, &text).line))
        .collect())
}
