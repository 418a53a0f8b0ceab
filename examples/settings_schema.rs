//! Prints the page's settings table as JSON (the file the page reads):
//!
//!     cargo run --example settings_schema > www/settings/schema.json
fn main() {
    print!("{}", classplay::settings::schema_json());
}
