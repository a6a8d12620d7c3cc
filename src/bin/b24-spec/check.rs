//! `check [SPEC_DIR]`: validate a spec folder the way build.rs would.

use std::path::Path;

use crate::PROBLEMS;

pub fn run(spec_dir: &Path) -> u8 {
    match b24_spec_codegen::check(spec_dir) {
        Ok(spec) => {
            println!(
                "{}: ok ({} methods, {} shared objects, {} system errors)",
                spec_dir.display(),
                spec.methods().count(),
                spec.shared_object_count(),
                spec.system_error_count()
            );
            0
        }
        Err(failed) => {
            println!("{}\n", failed.diagnostics.render());
            println!(
                "{}: {} problem(s)",
                spec_dir.display(),
                failed.diagnostics.len()
            );
            PROBLEMS
        }
    }
}
