//! The settings table (src/settings.rs): its JSON parses and has the agreed shape, the core's
//! `TrainConfig::check` takes every bound from it, and the core's defaults are its defaults.

use classplay::config::TrainConfig;
use classplay::settings::{self, Kind, Value, MODES};
use serde_json::Value as Json;

fn next_up(x: f32) -> f32 {
    if x == 0.0 {
        f32::from_bits(1)
    } else {
        f32::from_bits(x.to_bits() + 1)
    }
}

fn next_down(x: f32) -> f32 {
    if x == 0.0 {
        -f32::from_bits(1)
    } else {
        f32::from_bits(x.to_bits() - 1)
    }
}

#[test]
fn schema_json_parses_and_matches_the_table() {
    let text = settings::schema_json();
    let json: Json = serde_json::from_str(&text).expect("valid JSON");
    let obj = json.as_object().unwrap();
    assert_eq!(obj.keys().collect::<Vec<_>>().len(), MODES.len());
    for mode in MODES {
        let entries = obj[mode].as_array().unwrap();
        let table = settings::table(mode).unwrap();
        assert_eq!(entries.len(), table.len(), "{mode}");
        for (e, s) in entries.iter().zip(table) {
            assert_eq!(e["name"], s.name);
            let ty = e["type"].as_str().unwrap();
            assert!(
                ["f32", "f64", "u32", "i32", "bool", "enum", "list", "u32_list", "f32_list"]
                    .contains(&ty),
                "{ty}"
            );
            match s.kind {
                Kind::F32 { min, max } => {
                    // Shortest text that reads back to the same f32 (f64 parse, then fround).
                    assert_eq!(e["min"].as_f64().unwrap() as f32, min);
                    assert_eq!(e["max"].as_f64().unwrap() as f32, max);
                }
                Kind::U32 { min, max } => {
                    assert_eq!(e["min"].as_u64().unwrap(), min as u64);
                    assert_eq!(e["max"].as_u64().unwrap(), max as u64);
                }
                Kind::Enum(v) | Kind::List { values: v, .. } => {
                    let values: Vec<&str> = e["values"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_str().unwrap())
                        .collect();
                    assert_eq!(values, v);
                }
                _ => {}
            }
            assert!(e.get("default").is_some(), "{mode}.{}", s.name);
        }
    }
    // The first entries, exactly as the page's engine reads them.
    assert!(text.starts_with(
        "{\"train\":[{\"name\":\"dataset\",\"type\":\"enum\",\"values\":[\"mnist\",\"cifar10\",\"cifar100\",\"files\"],\"default\":\"mnist\"}"
    ));
    let lr = &obj["train"].as_array().unwrap()[8];
    assert_eq!(lr["name"], "learning_rate");
    assert_eq!(lr["default"]["cifar10"].as_f64().unwrap() as f32, 3e-7f32);
    assert_eq!(lr["max"].as_f64().unwrap() as f32, 1e30f32);
}

#[test]
fn the_wasm_export_is_the_same_json() {
    assert_eq!(classplay::api::settings_schema(), settings::schema_json());
}

/// Sets key `key` of a default config to `v` (f32 keys).
fn with_f32(key: &str, v: f32) -> TrainConfig {
    let mut c = TrainConfig::default();
    match key {
        "learning_rate" => c.learning_rate = v,
        "reg" => c.reg = v,
        "momentum" => c.momentum = v,
        "decay_rate" => c.decay_rate = v,
        "beta1" => c.beta1 = v,
        "beta2" => c.beta2 = v,
        "epsilon" => c.epsilon = v,
        "delta" => c.delta = v,
        _ => unreachable!(),
    }
    c
}

fn with_u32(key: &str, v: u32) -> TrainConfig {
    let mut c = TrainConfig {
        num_train: 59_999,
        ..TrainConfig::default()
    };
    match key {
        "batch_size" => c.batch_size = v,
        "num_iters" => c.num_iters = v,
        "eval_every" => c.eval_every = v,
        _ => unreachable!(),
    }
    c
}

fn refused_key(c: TrainConfig) -> Option<String> {
    match c.check() {
        Ok(()) => None,
        Err(classplay::Error::Config { key, .. }) => Some(key.to_string()),
        Err(e) => panic!("{e}"),
    }
}

#[test]
fn every_bound_of_check_comes_from_the_table() {
    for key in [
        "learning_rate",
        "reg",
        "momentum",
        "decay_rate",
        "beta1",
        "beta2",
        "epsilon",
        "delta",
    ] {
        let (min, max) = settings::setting("train", key).f32_bounds().unwrap();
        assert_eq!(refused_key(with_f32(key, min)), None, "{key} = {min}");
        assert_eq!(refused_key(with_f32(key, max)), None, "{key} = {max}");
        assert_eq!(
            refused_key(with_f32(key, next_down(min))).as_deref(),
            Some(key)
        );
        assert_eq!(
            refused_key(with_f32(key, next_up(max))).as_deref(),
            Some(key)
        );
        assert_eq!(refused_key(with_f32(key, f32::NAN)).as_deref(), Some(key));
    }
    for key in ["batch_size", "num_iters", "eval_every"] {
        let (min, max) = settings::setting("train", key).u32_bounds().unwrap();
        assert_eq!(refused_key(with_u32(key, min)), None, "{key} = {min}");
        assert_eq!(refused_key(with_u32(key, max)), None, "{key} = {max}");
        assert_eq!(refused_key(with_u32(key, min - 1)).as_deref(), Some(key));
        assert_eq!(refused_key(with_u32(key, max + 1)).as_deref(), Some(key));
    }
    let (min_train, _) = settings::setting("train", "num_train")
        .u32_bounds()
        .unwrap();
    let c = TrainConfig {
        num_train: min_train - 1,
        ..TrainConfig::default()
    };
    assert_eq!(refused_key(c).as_deref(), Some("num_train"));
}

#[test]
fn the_core_defaults_are_the_tables_mnist_defaults() {
    let c = TrainConfig::default();
    let d = |name: &str| {
        settings::setting("train", name)
            .default_for("mnist")
            .unwrap()
    };
    let f = |name: &str| match d(name) {
        Value::F32(x) => x,
        v => panic!("{name}: {v:?}"),
    };
    let u = |name: &str| match d(name) {
        Value::U32(x) => x,
        v => panic!("{name}: {v:?}"),
    };
    let b = |name: &str| match d(name) {
        Value::Bool(x) => x,
        v => panic!("{name}: {v:?}"),
    };
    let s = |name: &str| match d(name) {
        Value::Str(x) => x,
        v => panic!("{name}: {v:?}"),
    };
    assert_eq!(c.learning_rate, f("learning_rate"));
    assert_eq!(c.reg, f("reg"));
    assert_eq!(c.momentum, f("momentum"));
    assert_eq!(c.decay_rate, f("decay_rate"));
    assert_eq!(c.beta1, f("beta1"));
    assert_eq!(c.beta2, f("beta2"));
    assert_eq!(c.epsilon, f("epsilon"));
    assert_eq!(c.delta, f("delta"));
    assert_eq!(c.batch_size, u("batch_size"));
    assert_eq!(c.num_iters, u("num_iters"));
    assert_eq!(c.seed, u("seed"));
    assert_eq!(c.num_train, u("num_train"));
    assert_eq!(c.num_val, u("num_val"));
    assert_eq!(c.eval_every, u("eval_every"));
    assert_eq!(c.bias_trick, b("bias_trick"));
    assert_eq!(c.subtract_mean, b("subtract_mean"));
    assert_eq!(c.bias_correction, b("bias_correction"));
    assert_eq!(c.squared_hinge, b("squared_hinge"));
    assert_eq!(c.include_correct, b("include_correct"));
    assert_eq!(c.mean_over_classes, b("mean_over_classes"));
    assert_eq!(c.update_rule.as_str(), s("update_rule"));
    assert_eq!(s("loss"), "softmax");
    assert_eq!(c.loss, classplay::LossKind::Softmax);
    assert_eq!(s("regularization"), "l2");
    assert_eq!(s("subset"), "first");
}
