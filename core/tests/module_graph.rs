//! The core's module graph, read from the sources: no cycle among the modules of `core/src`
//! (a module is a file; `lib.rs`, the crate's facade, is left out), and no SQL outside the
//! storage layer (`core/src/storage`). Runs in `cargo test --workspace`, so `./build.sh test`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir).expect("read src").map(|e| e.expect("entry").path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "rs") {
            out.push(p);
        }
    }
}

/// `scan/decode.rs` → `scan::decode`, `scan/mod.rs` → `scan`, `lib.rs` → `` (the root).
fn module_of(path: &Path) -> String {
    let rel = path.strip_prefix(src()).expect("under src").with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|s| s.to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|l| l == "mod" || l == "lib") {
        parts.pop();
    }
    parts.join("::")
}

/// The source without comments, string literals' contents and `#[cfg(test)]` modules.
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            i = text.get(i..).and_then(|t| t.find("*/")).map_or(b.len(), |e| i + e + 2);
        } else if b[i] == b'"' {
            // A string literal: kept as an empty string.
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if (b[i..].starts_with(b"r\"") || b[i..].starts_with(b"r#\"")) && !(i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) {
            let hashes = b[i + 1..].iter().take_while(|c| **c == b'#').count();
            let close = format!("\"{}", "#".repeat(hashes));
            let start = i + 2 + hashes;
            i = text.get(start..).and_then(|t| t.find(&close)).map_or(b.len(), |e| start + e + close.len());
            out.push_str("\"\"");
        } else if b[i] == b'\'' && i + 2 < b.len() && (b[i + 2] == b'\'' || b[i + 1] == b'\\') {
            // A character literal ('"', '\'', '\n'…): dropped.
            let from = if b[i + 1] == b'\\' { i + 3 } else { i + 1 };
            i = b.get(from..).and_then(|t| t.iter().position(|c| *c == b'\'')).map_or(b.len(), |e| from + e + 1);
        } else {
            // Copies one whole character (a continuation byte is never a branch's first byte).
            let len = text.get(i..).and_then(|t| t.chars().next()).map_or(1, char::len_utf8);
            out.push_str(text.get(i..i + len).unwrap_or(""));
            i += len;
        }
    }
    // `#[cfg(test)] mod tests { … }`: its `super::` is the file itself.
    while let Some(at) = out.find("#[cfg(test)]") {
        let Some(open) = out[at..].find('{').map(|o| at + o) else { break };
        let mut depth = 0;
        let mut end = out.len();
        for (k, c) in out[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + k + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        out.replace_range(at..end, "");
    }
    out
}

/// Every path a file names through `crate::` or `super::`, with `use` groups expanded.
fn paths(code: &str, module: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(k) = code[from..].find(start) {
            let at = from + k;
            from = at + start.len();
            if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_' || bytes[at - 1] == b'$') {
                continue;
            }
            // The base: the root for `crate::`, the parent module for `super::` (`scan/mod.rs` is
            // the module `scan`, so its `super` is the root).
            let mut base: Vec<String> = if start == "crate::" {
                Vec::new()
            } else {
                let mut m: Vec<String> = module.split("::").filter(|s| !s.is_empty()).map(String::from).collect();
                m.pop();
                m
            };
            let mut rest = &code[from..];
            while let Some(r) = rest.strip_prefix("super::") {
                base.pop();
                rest = r;
            }
            expand(rest, base, &mut out);
        }
    }
    out
}

/// Expands `a::b::{c, d::{e}}` (after a prefix) into full paths.
fn expand(rest: &str, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
    let mut path = prefix;
    let mut s = rest;
    if s.starts_with('{') {
        // `crate::{a, b}`: a group right after the prefix.
        return expand_group(s, path, out);
    }
    loop {
        let ident: String = s.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        if !ident.is_empty() {
            path.push(ident.clone());
            s = &s[ident.len()..];
        }
        if let Some(r) = s.strip_prefix("::") {
            s = r;
            if s.starts_with('{') {
                return expand_group(s, path, out);
            }
            continue;
        }
        out.push(path);
        return;
    }
}

/// Expands a group `{c, d::{e}}` after `path`.
fn expand_group(s: &str, path: Vec<String>, out: &mut Vec<Vec<String>>) {
    let Some(group) = s.strip_prefix('{') else { return };
    // The group's text, up to its closing brace.
    let mut depth = 1;
    let mut end = group.len();
    for (k, c) in group.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    end = k;
                    break;
                }
            }
            _ => {}
        }
    }
    let inner = &group[..end];
    // Its items, split at the commas outside nested groups.
    let mut depth = 0;
    let mut item_start = 0;
    for (k, c) in inner.char_indices().chain(std::iter::once((inner.len(), ','))) {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                match inner[item_start..k].trim() {
                    "" => {}
                    "self" => out.push(path.clone()),
                    item => expand(item, path.clone(), out),
                }
                item_start = k + 1;
            }
            _ => {}
        }
    }
}

/// The paths of `use` statements relative to the module (`use child::X`, `use self::child::X`),
/// made absolute.
fn relative_uses(code: &str, module: &str, modules: &BTreeSet<String>) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let own: Vec<String> = module.split("::").filter(|s| !s.is_empty()).map(String::from).collect();
    let bytes = code.as_bytes();
    let mut from = 0;
    while let Some(k) = code[from..].find("use ") {
        let at = from + k;
        from = at + 4;
        if at > 0 && (bytes[at - 1].is_ascii_alphanumeric() || bytes[at - 1] == b'_') {
            continue;
        }
        let stmt = code[from..].split(';').next().unwrap_or("").trim();
        let stmt = stmt.strip_prefix("self::").unwrap_or(stmt);
        let first: String = stmt.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        let child = own.iter().cloned().chain(std::iter::once(first.clone())).collect::<Vec<_>>().join("::");
        if !first.is_empty() && modules.contains(&child) {
            expand(stmt, own.clone(), &mut out);
        }
    }
    out
}

/// What the crate root (`lib.rs`) re-exports: a name at the root → the module it comes from.
fn root_exports(modules: &BTreeSet<String>) -> BTreeMap<String, String> {
    let code = code_of(&std::fs::read_to_string(src().join("lib.rs")).expect("lib.rs"));
    relative_uses(&code, "", modules)
        .into_iter()
        .filter_map(|path| {
            let module = (1..path.len()).rev().map(|n| path[..n].join("::")).find(|m| modules.contains(m))?;
            Some((path.last()?.clone(), module))
        })
        .collect()
}

struct Graph {
    modules: BTreeSet<String>,
    edges: BTreeMap<String, BTreeSet<String>>,
}

fn graph() -> (Graph, Vec<(String, String)>) {
    let mut list = Vec::new();
    files(&src(), &mut list);
    let modules: BTreeSet<String> = list.iter().map(|p| module_of(p)).collect();
    let exports = root_exports(&modules);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut code_by_module = Vec::new();
    for p in &list {
        let module = module_of(p);
        let code = code_of(&std::fs::read_to_string(p).expect("read"));
        let mut all = paths(&code, &module);
        all.extend(relative_uses(&code, &module, &modules));
        for path in all {
            // The longest known module the path starts with; a name the root re-exports counts
            // as its own module.
            let target = (1..=path.len())
                .rev()
                .map(|n| path[..n].join("::"))
                .find(|m| modules.contains(m))
                .or_else(|| path.first().and_then(|name| exports.get(name)).cloned())
                .unwrap_or_default();
            // The root (lib.rs, the facade) and the file itself are not edges.
            if !target.is_empty() && target != module {
                edges.entry(module.clone()).or_default().insert(target);
            }
        }
        code_by_module.push((module, code));
    }
    (Graph { modules, edges }, code_by_module)
}

/// Cycles of the graph (depth-first search; at least one per strongly connected group).
fn cycles(g: &Graph) -> Vec<Vec<String>> {
    fn visit(g: &Graph, node: &str, stack: &mut Vec<String>, done: &mut BTreeSet<String>, found: &mut Vec<Vec<String>>) {
        if let Some(pos) = stack.iter().position(|n| n == node) {
            found.push(stack[pos..].iter().cloned().chain(std::iter::once(node.to_string())).collect());
            return;
        }
        if done.contains(node) {
            return;
        }
        stack.push(node.to_string());
        for next in g.edges.get(node).into_iter().flatten() {
            visit(g, next, stack, done, found);
        }
        stack.pop();
        done.insert(node.to_string());
    }
    let mut found = Vec::new();
    let mut done = BTreeSet::new();
    for m in &g.modules {
        visit(g, m, &mut Vec::new(), &mut done, &mut found);
    }
    found
}

#[test]
fn no_cycle_among_the_core_modules() {
    let (g, _) = graph();
    // The reader must see the graph: a few edges known to exist.
    assert!(g.edges.get("day::ofd").is_some_and(|e| e.contains("lifecycle")), "{:?}", g.edges.get("day::ofd"));
    assert!(g.edges.get("scan::engine").is_some_and(|e| e.contains("scan::frame")), "{:?}", g.edges.get("scan::engine"));
    assert!(g.edges.get("storage::db").is_some_and(|e| e.contains("storage::migrate")), "{:?}", g.edges.get("storage::db"));
    // Relative `use` (a parent's re-exports of its children) and the root's re-exports count.
    assert!(g.edges.get("sync").is_some_and(|e| e.contains("sync::client")), "{:?}", g.edges.get("sync"));
    assert!(g.edges.get("day").is_some_and(|e| e.contains("day::session")), "{:?}", g.edges.get("day"));
    let found = cycles(&g);
    let shown: Vec<String> = found.iter().map(|c| c.join(" -> ")).collect();
    assert!(found.is_empty(), "cycles among core/src modules:\n{}", shown.join("\n"));
}

#[test]
fn the_cycle_check_finds_a_cycle() {
    let mut g = Graph { modules: ["a", "b", "c"].iter().map(|s| s.to_string()).collect(), edges: BTreeMap::new() };
    g.edges.entry("a".into()).or_default().insert("b".into());
    g.edges.entry("b".into()).or_default().insert("c".into());
    assert!(cycles(&g).is_empty());
    g.edges.entry("c".into()).or_default().insert("a".into());
    assert_eq!(cycles(&g), vec![vec!["a".to_string(), "b".into(), "c".into(), "a".into()]]);
}

#[test]
fn use_groups_and_super_resolve_to_modules() {
    let code = code_of("use crate::{error::{Error, BadScan}, order::TrackingId};\nuse super::frame::Frame; // crate::nothing\nlet s = \"crate::nothing\";");
    let found = paths(&code, "scan::decode");
    assert!(found.contains(&vec!["error".to_string(), "Error".into()]), "{found:?}");
    assert!(found.contains(&vec!["order".to_string(), "TrackingId".into()]), "{found:?}");
    assert!(found.contains(&vec!["scan".to_string(), "frame".into(), "Frame".into()]), "{found:?}");
    assert!(!found.iter().any(|p| p.contains(&"nothing".to_string())), "{found:?}");
}

/// Words that start SQL statements, as they appear at the start of a string literal.
const SQL: &[&str] = &["SELECT ", "INSERT ", "UPDATE ", "DELETE ", "CREATE ", "ALTER ", "DROP ", "PRAGMA ", "WITH "];

/// String literals of a file that read like SQL.
fn sql_literals(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
            continue;
        }
        if b[i] == b'"' && !(i > 0 && b[i - 1] == b'\'') {
            let start = i + 1;
            i = start;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            let lit = text.get(start..i.min(b.len())).unwrap_or("").trim_start();
            if SQL.iter().any(|k| lit.to_ascii_uppercase().starts_with(k)) {
                out.push(lit.chars().take(60).collect());
            }
        }
        i += 1;
    }
    out
}

#[test]
fn no_sql_outside_the_storage_layer() {
    let mut list = Vec::new();
    files(&src(), &mut list);
    let storage = src().join("storage");
    let mut inside = 0;
    let mut outside = Vec::new();
    for p in &list {
        let found = sql_literals(&std::fs::read_to_string(p).expect("read"));
        if p.starts_with(&storage) {
            inside += found.len();
        } else {
            outside.extend(found.into_iter().map(|s| format!("{}: {s}", p.display())));
        }
        // Nor a connection: rusqlite's connection and transaction stay in the storage layer.
        if !p.starts_with(&storage) {
            let code = code_of(&std::fs::read_to_string(p).expect("read"));
            for name in ["Connection", "Transaction"] {
                assert!(!code.contains(&format!("rusqlite::{name}")) && !code.contains(&format!("{name}<'")) , "{} names a {name}", p.display());
            }
        }
    }
    assert!(inside > 20, "the check must see the storage layer's SQL ({inside} statements)");
    assert!(outside.is_empty(), "SQL outside core/src/storage:\n{}", outside.join("\n"));
    assert_eq!(sql_literals("let q = \"SELECT 1\"; // \"DELETE x\""), vec!["SELECT 1".to_string()]);
}

