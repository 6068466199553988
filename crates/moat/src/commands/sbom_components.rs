//! Dependencies read from files and environments → the components, scopes and dependency
//! graph of an SBOM: one component per package and version, whatever files mention it.

use super::sbom_license::declared_license;
use moat_deps::{
    Dependency, DependencyEdge, FileFormat, Kind, Parsed, Requirement, Source, Unauditable, Version,
};
use moat_report::sbom::{
    Component, DependencyNode, ExternalKind, ExternalReference, Hash, Property, Sbom, Scope,
    pypi_purl,
};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::path::Path;

/// The project an SBOM describes.
#[derive(Debug, Clone)]
pub struct Project {
    /// Its name as written.
    pub name: String,
    /// Its version, when known.
    pub version: Option<String>,
    /// The file that names it (`pyproject.toml`), if any.
    pub source: Option<String>,
}

/// Builds the SBOM of `project` from everything `parsed` holds. `graph_files` are the lock
/// files whose format records every package's dependencies (so a package there with no
/// edge has none).
pub fn build_sbom(
    parsed: &Parsed,
    project: &Project,
    graph_files: &BTreeSet<String>,
    timestamp: String,
) -> Sbom {
    let root_name = moat_deps::normalize_name(&project.name);
    let reach = required_sets(parsed, &root_name);
    let mut drafts: BTreeMap<Key, Draft<'_>> = BTreeMap::new();
    let mut ranges = Vec::new();
    for dependency in &parsed.dependencies {
        match (&dependency.requirement, dependency.kind) {
            // A constraint limits versions; it installs nothing.
            (_, Kind::Constraint) => {}
            (Requirement::Pinned(version), _) => {
                let key = Key(
                    dependency.normalized_name.clone(),
                    Slot::Pinned(version.clone()),
                );
                let draft = drafts
                    .entry(key)
                    .or_insert_with(|| Draft::new(&dependency.name));
                draft.version = Some(version.to_string());
                draft.add_dependency(dependency, &reach);
            }
            (Requirement::Range(_) | Requirement::AnyOf(_), _) => ranges.push(dependency),
        }
    }
    for entry in &parsed.unauditable {
        let is_project = entry.target.as_deref() == Some(".")
            || entry.name.as_deref().map(moat_deps::normalize_name) == Some(root_name.clone());
        if is_project {
            continue;
        }
        let key = match &entry.name {
            Some(name) => Key(moat_deps::normalize_name(name), Slot::Direct),
            None => Key(String::new(), Slot::Unnamed(entry.text.clone())),
        };
        let shown = entry
            .name
            .as_deref()
            .unwrap_or(entry.target.as_deref().unwrap_or(&entry.text));
        drafts
            .entry(key)
            .or_insert_with(|| Draft::new(shown))
            .add_unauditable(entry, &reach);
    }
    for dependency in ranges {
        let name = &dependency.normalized_name;
        let admitting: Vec<Key> = drafts
            .range(Key(name.clone(), Slot::Unpinned)..=Key(name.clone(), Slot::Direct))
            .filter(|(key, _)| match &key.1 {
                Slot::Pinned(version) => dependency.requirement.admits(version),
                Slot::Direct => true,
                Slot::Unpinned | Slot::Unnamed(_) => false,
            })
            .map(|(key, _)| key.clone())
            .collect();
        let keys = if admitting.is_empty() {
            vec![Key(name.clone(), Slot::Unpinned)]
        } else {
            admitting
        };
        for key in keys {
            let unpinned = key.1 == Slot::Unpinned;
            let draft = drafts
                .entry(key)
                .or_insert_with(|| Draft::new(&dependency.name));
            draft.add_dependency(dependency, &reach);
            if unpinned {
                let written = dependency.requirement.to_string();
                draft.unpinned.insert(if written.is_empty() {
                    "any version".to_owned()
                } else {
                    written
                });
            }
        }
    }

    let drafts: Vec<(Key, Draft<'_>)> = drafts.into_iter().collect();
    let mut used = HashSet::new();
    let components: Vec<Component> = drafts
        .iter()
        .map(|(key, draft)| draft.component(key, &mut used))
        .collect();
    let root = root_component(project, &root_name);
    let dependencies = graph(parsed, graph_files, &root_name, &drafts, &components, &root);
    Sbom {
        root,
        components,
        dependencies,
        timestamp,
        tool_version: env!("CARGO_PKG_VERSION").to_owned(),
    }
}

/// Where a component sits among the components of one name: a range with no pinned
/// version admitted, a pinned version, a direct (URL, VCS or path) reference, or an entry
/// with no name at all.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Slot {
    Unpinned,
    Pinned(Version),
    Direct,
    Unnamed(String),
}

/// PEP 503 name and slot: the identity of a component, and its output order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key(String, Slot);

/// What is known of one component so far.
struct Draft<'a> {
    name: &'a str,
    version: Option<String>,
    hashes: BTreeSet<Hash>,
    license: Option<&'a moat_deps::License>,
    sources: BTreeSet<&'a Source>,
    groups: BTreeSet<&'a str>,
    markers: BTreeSet<&'a str>,
    unpinned: BTreeSet<String>,
    required: bool,
    /// Declared by the project itself (a requirements file or `pyproject.toml`).
    direct: bool,
    /// Why it is not from an index, and its URL or path.
    reference: Option<(&'a str, Option<&'a str>)>,
}

impl<'a> Draft<'a> {
    fn new(name: &'a str) -> Self {
        Self {
            name,
            version: None,
            hashes: BTreeSet::new(),
            license: None,
            sources: BTreeSet::new(),
            groups: BTreeSet::new(),
            markers: BTreeSet::new(),
            unpinned: BTreeSet::new(),
            required: false,
            direct: false,
            reference: None,
        }
    }

    fn add_dependency(&mut self, dependency: &'a Dependency, reach: &RequiredSets) {
        self.sources.insert(&dependency.source);
        self.hashes.extend(
            dependency
                .hashes
                .iter()
                .filter_map(|hash| Hash::parse(hash)),
        );
        if self.license.is_none() {
            self.license = dependency.license.as_ref();
        }
        self.groups.extend(dependency.group.as_deref());
        self.markers.extend(dependency.marker.as_deref());
        self.required |= reach.required(
            &dependency.source.file,
            &dependency.normalized_name,
            dependency.group.is_none(),
        );
        self.direct |= dependency.kind == Kind::Direct;
    }

    fn add_unauditable(&mut self, entry: &'a Unauditable, reach: &RequiredSets) {
        self.sources.insert(&entry.source);
        let name = entry
            .name
            .as_deref()
            .map(moat_deps::normalize_name)
            .unwrap_or_default();
        self.required |= reach.required(&entry.source.file, &name, true);
        self.direct |= declares(&entry.source.file);
        // A lock file's entry knows the version; prefer it.
        if self.version.is_none() {
            self.version.clone_from(&entry.version);
        }
        if self.reference.is_none() || entry.version.is_some() {
            self.reference = Some((&entry.reason, entry.target.as_deref()));
        }
    }

    fn component(&self, key: &Key, used: &mut HashSet<String>) -> Component {
        let external = self.reference.and_then(|(reason, target)| {
            let url = target?;
            let lower = url.to_ascii_lowercase();
            let kind = if reason == "VCS requirement"
                || ["git+", "hg+", "svn+", "bzr+"]
                    .iter()
                    .any(|p| lower.starts_with(p))
            {
                ExternalKind::Vcs
            } else if lower.contains("://") && !lower.starts_with("file:") {
                ExternalKind::Distribution
            } else {
                return None;
            };
            Some(ExternalReference {
                kind,
                url: url.to_owned(),
            })
        });
        let purl = (!key.0.is_empty()).then(|| {
            let qualifier = external.as_ref().map(|external| match external.kind {
                ExternalKind::Vcs => ("vcs_url", external.url.as_str()),
                ExternalKind::Distribution => ("download_url", external.url.as_str()),
            });
            pypi_purl(&key.0, self.version.as_deref(), qualifier.as_slice())
        });
        let base = purl
            .clone()
            .unwrap_or_else(|| format!("moat:unnamed:{}", self.name));
        let mut reference = base.clone();
        let mut counter = 1;
        while !used.insert(reference.clone()) {
            counter += 1;
            reference = format!("{base}#{counter}");
        }
        let mut properties: Vec<Property> = self
            .sources
            .iter()
            .map(|source| Property::new("moat:source", location(source)))
            .collect();
        properties.extend(self.groups.iter().map(|g| Property::new("moat:group", *g)));
        properties.extend(
            self.markers
                .iter()
                .map(|m| Property::new("moat:marker", *m)),
        );
        properties.extend(
            self.unpinned
                .iter()
                .map(|u| Property::new("moat:unpinned", u)),
        );
        if let Some((reason, _)) = self.reference {
            properties.push(Property::new("moat:direct-reference", reason));
        }
        Component {
            reference,
            name: self.name.to_owned(),
            version: self.version.clone(),
            purl,
            scope: if self.required {
                Scope::Required
            } else {
                Scope::Optional
            },
            hashes: self.hashes.iter().cloned().collect(),
            license: self.license.and_then(declared_license),
            external,
            properties,
        }
    }

    fn files(&self) -> impl Iterator<Item = &str> {
        self.sources.iter().map(|source| source.file.as_str())
    }
}

/// The extras asked of each package (PEP 503 name): by lock file edges and by the
/// project's own requirements (`requests[socks]`).
fn requested_extras(parsed: &Parsed) -> HashMap<&str, HashSet<String>> {
    let mut asked: HashMap<&str, HashSet<String>> = HashMap::new();
    for edge in &parsed.edges {
        asked
            .entry(&edge.to)
            .or_default()
            .extend(edge.extras.iter().cloned());
    }
    for dependency in &parsed.dependencies {
        asked
            .entry(&dependency.normalized_name)
            .or_default()
            .extend(
                dependency
                    .extras
                    .iter()
                    .map(|x| moat_deps::normalize_name(x)),
            );
    }
    asked
}

/// `file:line`, or `file` when the line is unknown.
fn location(source: &Source) -> String {
    match source.line {
        Some(line) => format!("{}:{line}", source.file),
        None => source.file.clone(),
    }
}

/// Whether `file` is one the project declares dependencies in (requirements, pyproject).
fn declares(file: &str) -> bool {
    matches!(
        FileFormat::detect(Path::new(file)),
        Some(FileFormat::Requirements | FileFormat::Pyproject)
    )
}

/// For each lock file that records the project's own entry and its edges, the packages the
/// project needs without extras or groups: reached from its main dependencies, following
/// each package's main dependencies and the extras asked of it.
struct RequiredSets(HashMap<String, HashSet<String>>);

impl RequiredSets {
    /// Whether an entry of `name` in `file` is required; `otherwise` when `file` does not
    /// say (it has no entry for the project).
    fn required(&self, file: &str, name: &str, otherwise: bool) -> bool {
        self.0.get(file).map_or(otherwise, |set| set.contains(name))
    }
}

fn required_sets(parsed: &Parsed, root: &str) -> RequiredSets {
    let mut by_file: BTreeMap<&str, HashMap<&str, Vec<&DependencyEdge>>> = BTreeMap::new();
    for edge in &parsed.edges {
        by_file
            .entry(&edge.source.file)
            .or_default()
            .entry(&edge.from)
            .or_default()
            .push(edge);
    }
    let mut sets = HashMap::new();
    for (file, edges) in by_file {
        if !edges.contains_key(root) {
            continue;
        }
        let mut reached = HashSet::new();
        let mut seen: HashSet<(&str, Option<&str>)> = HashSet::new();
        let mut queue: VecDeque<(&str, Option<&str>)> = VecDeque::from([(root, None)]);
        while let Some((node, extra)) = queue.pop_front() {
            if !seen.insert((node, extra)) {
                continue;
            }
            for edge in edges
                .get(node)
                .into_iter()
                .flatten()
                .filter(|edge| edge.via.as_deref() == extra)
            {
                reached.insert(edge.to.clone());
                queue.push_back((&edge.to, None));
                queue.extend(
                    edge.extras
                        .iter()
                        .map(|x| (edge.to.as_str(), Some(x.as_str()))),
                );
            }
        }
        sets.insert(file.to_owned(), reached);
    }
    RequiredSets(sets)
}

fn root_component(project: &Project, root_name: &str) -> Component {
    Component {
        reference: format!("project:{root_name}"),
        name: project.name.clone(),
        version: project.version.clone(),
        purl: None,
        scope: Scope::Required,
        hashes: Vec::new(),
        license: None,
        external: None,
        properties: project
            .source
            .iter()
            .map(|file| Property::new("moat:source", file))
            .collect(),
    }
}

/// The dependency graph: the root's direct dependencies, then, for every component found
/// in a lock file that records edges, the components it depends on.
fn graph(
    parsed: &Parsed,
    graph_files: &BTreeSet<String>,
    root_name: &str,
    drafts: &[(Key, Draft<'_>)],
    components: &[Component],
    root: &Component,
) -> Vec<DependencyNode> {
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, (key, _)) in drafts.iter().enumerate() {
        by_name.entry(&key.0).or_default().push(index);
    }
    // Components named `to`, preferring those found in the edge's own file.
    let targets = |to: &str, file: &str| -> Vec<usize> {
        let all = by_name.get(to).map(Vec::as_slice).unwrap_or_default();
        let same_file: Vec<usize> = all
            .iter()
            .copied()
            .filter(|&i| drafts[i].1.files().any(|f| f == file))
            .collect();
        if same_file.is_empty() {
            all.to_vec()
        } else {
            same_file
        }
    };
    let edge_files: BTreeSet<&str> = parsed
        .edges
        .iter()
        .map(|edge| edge.source.file.as_str())
        .chain(graph_files.iter().map(String::as_str))
        .collect();

    let extras = requested_extras(parsed);
    let mut edges_from: HashMap<&str, Vec<&DependencyEdge>> = HashMap::new();
    for edge in &parsed.edges {
        edges_from.entry(&edge.from).or_default().push(edge);
    }
    let mut nodes: Vec<(usize, BTreeSet<usize>)> = Vec::new();
    for (index, (key, draft)) in drafts.iter().enumerate() {
        if !draft.files().any(|file| edge_files.contains(file)) {
            continue;
        }
        // A package's extras count only when something asks for them.
        let asked = extras.get(key.0.as_str());
        let depends_on: BTreeSet<usize> = edges_from
            .get(key.0.as_str())
            .into_iter()
            .flatten()
            .filter(|edge| draft.files().any(|f| f == edge.source.file))
            .filter(|edge| {
                edge.via
                    .as_deref()
                    .is_none_or(|via| asked.is_some_and(|asked| asked.contains(via)))
            })
            .flat_map(|edge| targets(&edge.to, &edge.source.file))
            .filter(|&target| target != index)
            .collect();
        nodes.push((index, depends_on));
    }

    let mut direct: BTreeSet<usize> = parsed
        .edges
        .iter()
        .filter(|edge| edge.from == root_name)
        .flat_map(|edge| targets(&edge.to, &edge.source.file))
        .collect();
    direct.extend(
        drafts
            .iter()
            .enumerate()
            .filter(|(_, (_, draft))| draft.direct)
            .map(|(index, _)| index),
    );
    if direct.is_empty() {
        // No file says what the project asks for directly: take what nothing else needs.
        let needed: HashSet<usize> = nodes
            .iter()
            .flat_map(|(_, on)| on.iter().copied())
            .collect();
        direct = (0..drafts.len()).filter(|i| !needed.contains(i)).collect();
    }
    let node = |reference: &str, on: &BTreeSet<usize>| DependencyNode {
        reference: reference.to_owned(),
        depends_on: on
            .iter()
            .map(|&i| components[i].reference.clone())
            .collect(),
    };
    std::iter::once(node(&root.reference, &direct))
        .chain(
            nodes
                .iter()
                .map(|(index, on)| node(&components[*index].reference, on)),
        )
        .collect()
}
