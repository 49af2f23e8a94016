//! A Terraform tree: 10,000 `.tf` files in 100 module directories, one in a
//! hundred with an organization resource (with a variable from
//! `terraform.tfvars`), the rest other resources. Side by side in one run:
//!
//! - `read`: walking the tree and reading every file, the floor any tool
//!   pays;
//! - `library`: the same, plus what `ztlint check` does with each file (the
//!   scan, and for the 1 % the module's files and the lint);
//! - `cli`: the release binary, `ztlint check --format concise DIR`, process
//!   start-up and output included.
//!
//!
//! And one `.tf` file of 2 MiB of organizations only, a finding each
//! (`terraform/organizations-2MiB`), which ztlint lints a resource at a
//! time, side by side with:
//!
//! - `hcl-edit`: parsing it, the tree dropped, the floor any tool that reads
//!   the file pays;
//! - `whole`: linting the same resources in files of at most 256 KiB, which
//!   ztlint lints whole;
//! - `apart`: linting the one file, every finding handed over as it comes.
//!
//! Run with `cargo bench --bench terraform`.

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{criterion_group, criterion_main, Criterion};
use ztlint::terraform::Module;
use ztlint::Linter;

const FILES: usize = 10_000;
const DIRECTORIES: usize = 100;
/// One file in this many has an organization resource.
const ONE_IN: usize = 100;

const ORGANIZATION: &str = r##"resource "cloudflare_zero_trust_organization" "main" {
  account_id                         = "023e105f4ecef8ad9ca31a8372d0c353"
  name                               = "Widget Corps Internal Applications"
  auth_domain                        = "widgets.cloudflareaccess.com"
  session_duration                   = var.session_duration
  user_seat_expiration_inactive_time = "730h"
  login_design = {
    background_color = "#ffffff"
    text_color       = "#000000"
    logo_path        = "https://widgets.example.com/logo.png"
  }
}
"##;

/// An ordinary file of another provider's resources, about 1.5 KB.
fn other(i: usize) -> String {
    let mut out = String::new();
    for r in 0..6 {
        out.push_str(&format!(
            "resource \"aws_s3_bucket\" \"b{i}_{r}\" {{\n  bucket = \"bucket-{i}-{r}\"\n  tags = {{\n    team = \"platform\"\n    env  = var.env\n  }}\n}}\n\n"
        ));
        out.push_str(&format!(
            "resource \"aws_s3_bucket_versioning\" \"v{i}_{r}\" {{\n  bucket = aws_s3_bucket.b{i}_{r}.id\n  versioning_configuration {{\n    status = \"Enabled\"\n  }}\n}}\n\n"
        ));
    }
    out
}

/// Writes the tree under `root`.
fn make_tree(root: &Path) {
    for d in 0..DIRECTORIES {
        let dir = root.join(format!("module{d:03}"));
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join("terraform.tfvars"),
            "session_duration = \"1d\"\nenv = \"prod\"\n",
        )
        .unwrap();
        fs::write(
            dir.join("variables.tf"),
            "variable \"session_duration\" {}\nvariable \"env\" {}\n",
        )
        .unwrap();
    }
    // `variables.tf` counts among the files.
    for i in 0..FILES - DIRECTORIES {
        let dir = root.join(format!("module{:03}", i % DIRECTORIES));
        let text = if i % ONE_IN == 0 {
            ORGANIZATION.to_string()
        } else {
            other(i)
        };
        fs::write(dir.join(format!("f{i:05}.tf")), text).unwrap();
    }
}

/// Every file below `root`, sorted.
fn files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "tf") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The module of `path`: the other files of its directory.
fn module_of(path: &Path) -> Module {
    let mut module = Module::new();
    for entry in fs::read_dir(path.parent().unwrap()).unwrap() {
        let other = entry.unwrap().path();
        let name = other.file_name().unwrap().to_string_lossy().to_string();
        if other != path && (name.ends_with(".tf") || name == "terraform.tfvars") {
            module = module.file(name, fs::read_to_string(&other).unwrap());
        }
    }
    module
}

fn tree(c: &mut Criterion) {
    let root = tempfile::tempdir().unwrap();
    make_tree(root.path());
    let paths = files(root.path());
    assert_eq!(paths.len(), FILES);
    let linter = Linter::new();

    let mut group = c.benchmark_group("terraform/10k-files");
    group.sample_size(10);
    group.bench_function("read", |b| {
        b.iter(|| {
            files(black_box(root.path()))
                .iter()
                .map(|p| fs::read(p).unwrap().len())
                .sum::<usize>()
        })
    });
    group.bench_function("library", |b| {
        b.iter(|| {
            let mut findings = 0;
            for path in files(black_box(root.path())) {
                let text = fs::read_to_string(&path).unwrap();
                if !ztlint::terraform::mentions_organization(&text) {
                    continue;
                }
                let name = path.file_name().unwrap().to_string_lossy().to_string();
                findings += linter.lint_terraform(&name, &text, &module_of(&path)).len();
            }
            // The `1d` from terraform.tfvars, in each organization.
            assert_eq!(findings, (FILES - DIRECTORIES).div_ceil(ONE_IN));
            findings
        })
    });
    group.bench_function("cli", |b| {
        b.iter(|| {
            let output = Command::new(env!("CARGO_BIN_EXE_ztlint"))
                .args(["check", "--format", "concise", "--no-config"])
                .arg(root.path())
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(1));
            output.stdout.len()
        })
    });
    group.finish();
}

/// A `.tf` file over `bytes` long of organizations, a `duration-syntax`
/// finding each, and how many there are.
fn organizations(bytes: usize) -> (String, usize) {
    let mut text = String::new();
    let mut count = 0;
    while text.len() < bytes {
        text.push_str(
            &ORGANIZATION
                .replace("\"main\" {", &format!("\"o{count}\" {{"))
                .replace("var.session_duration", "\"1d\""),
        );
        count += 1;
    }
    (text, count)
}

/// `text`, a file of top-level blocks, split after blocks into parts of at
/// most `bytes`.
fn split(text: &str, bytes: usize) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut end = 0;
    for (at, _) in text.match_indices("\n}\n") {
        let block_end = at + 3;
        if block_end - start > bytes {
            parts.push(&text[start..end]);
            start = end;
        }
        end = block_end;
    }
    parts.push(&text[start..]);
    parts
}

fn one_large_file(c: &mut Criterion) {
    let (text, count) = organizations(2 << 20);
    let parts = split(&text, 256 << 10);
    assert!(parts.len() >= 8 && parts.concat() == text);
    let linter = Linter::new();
    let module = Module::new();

    let mut group = c.benchmark_group("terraform/organizations-2MiB");
    group.sample_size(10);
    group.throughput(criterion::Throughput::Bytes(text.len() as u64));
    group.bench_function("hcl-edit", |b| {
        b.iter(|| hcl_edit::parser::parse_body(black_box(&text)).is_ok())
    });
    group.bench_function("whole", |b| {
        b.iter(|| {
            let found: usize = parts
                .iter()
                .map(|part| {
                    linter
                        .lint_terraform("main.tf", black_box(part), &module)
                        .len()
                })
                .sum();
            assert_eq!(found, count);
            found
        })
    });
    group.bench_function("apart", |b| {
        b.iter(|| {
            let mut found = 0;
            linter.lint_terraform_each("main.tf", black_box(&text), &module, &mut |_| found += 1);
            assert_eq!(found, count);
            found
        })
    });
    group.finish();
}

criterion_group!(benches, tree, one_large_file);
criterion_main!(benches);
