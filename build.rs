// `vetrina init` embeds the AgID theme; rebuild when it changes.
fn main() {
    for dir in ["themes/agid/templates", "themes/agid/static", "themes/agid/package.json", "themes/agid/package-lock.json", "src/skeleton"] {
        println!("cargo:rerun-if-changed={dir}");
    }
}
