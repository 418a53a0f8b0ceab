//! The one table of the page's URL settings: for every mode (`train`, `knn`, `fewshot`, `race`,
//! `lab`, `views`) each key's type, inclusive bounds and default, in the order the page lists its
//! controls. [`crate::config::TrainConfig::check`] takes its bounds from here, and
//! [`schema_json`] hands the same table to the page (`settings_schema()` across the boundary,
//! `www/settings/schema.json` written by `cargo run --example settings_schema`).
//!
//! Every URL key of every mode is here, also the lists of numbers (`k_choices` of k-NN: a
//! `u32_list`; `w` / `b` of the views: `f32_list`) and the keys whose default is "no value"
//! (`start_x` / `start_y` of the race: blank means the surface's own start; `w` / `b`: the
//! seeded start), written as `"default": null`. The page (`www/settings/engine.js`) keeps only
//! labels and visibility and takes every type, bound and default from here.
//!
//! Source: TensorFlow Playground's `state.ts` (one table of properties serialised to the hash).

/// A value of a setting.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// A number the core keeps as f32.
    F32(f32),
    /// A number the core keeps as f64.
    F64(f64),
    /// A whole number ≥ 0.
    U32(u32),
    /// A whole number.
    I32(i32),
    /// 0 / 1 in the URL.
    Bool(bool),
    /// One of an enum's values, or a comma-separated list's text.
    Str(&'static str),
    /// A list of whole numbers.
    U32s(&'static [u32]),
}

/// A setting's type and its inclusive bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Kind {
    /// f32 in `min..=max` (bounds as f32).
    F32 { min: f32, max: f32 },
    /// f64 in `min..=max`.
    F64 { min: f64, max: f64 },
    /// Whole number in `min..=max`.
    U32 { min: u32, max: u32 },
    /// Signed whole number in `min..=max`.
    I32 { min: i32, max: i32 },
    /// `0` / `1`.
    Bool,
    /// One of these names.
    Enum(&'static [&'static str]),
    /// A comma-separated subset of these names with at least `min_items` of them.
    List {
        values: &'static [&'static str],
        min_items: u32,
    },
    /// Comma-separated whole numbers in `min..=max`, no duplicates, at most `max_len` of them.
    U32List { min: u32, max: u32, max_len: u32 },
    /// Exactly `len` comma-separated f32 numbers in `min..=max` (or blank: no value).
    F32List { min: f32, max: f32, len: u32 },
}

/// A setting's default: one value, or one per dataset (`mnist`, `cifar10`, `cifar100`, `files`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DefaultValue {
    /// The same for every dataset.
    One(Value),
    /// `(dataset, value)` pairs.
    PerDataset(&'static [(&'static str, Value)]),
    /// No value (blank in the URL; JSON `null`): the page or the core chooses, e.g. the race
    /// surface's own start.
    Blank,
}

/// One URL setting of one mode.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Setting {
    /// The URL key (the core's snake_case name).
    pub name: &'static str,
    /// Type and bounds.
    pub kind: Kind,
    /// Default.
    pub default: DefaultValue,
}

impl Setting {
    /// The `(min, max)` of an f32 setting.
    pub fn f32_bounds(&self) -> Option<(f32, f32)> {
        match self.kind {
            Kind::F32 { min, max } => Some((min, max)),
            _ => None,
        }
    }

    /// The `(min, max)` of a u32 setting.
    pub fn u32_bounds(&self) -> Option<(u32, u32)> {
        match self.kind {
            Kind::U32 { min, max } => Some((min, max)),
            _ => None,
        }
    }

    /// The default for `dataset` (the single default when it does not depend on the dataset).
    pub fn default_for(&self, dataset: &str) -> Option<Value> {
        match self.default {
            DefaultValue::One(v) => Some(v),
            DefaultValue::PerDataset(m) => m.iter().find(|(d, _)| *d == dataset).map(|(_, v)| *v),
            DefaultValue::Blank => None,
        }
    }
}

/// The modes of the page, in tab order.
pub const MODES: [&str; 6] = ["train", "knn", "fewshot", "race", "lab", "views"];

/// The datasets of the page (`files`: the user's own files).
pub const DATASETS: &[&str] = &["mnist", "cifar10", "cifar100", "files"];
/// The update rules, in the page's order (the default `sgd` first).
pub const UPDATE_RULES: &[&str] = &[
    "sgd",
    "gd",
    "sgd_momentum",
    "nesterov",
    "adagrad",
    "rmsprop",
    "adam",
    "lbfgs",
];
/// The largest f32 below 1 (momentum and the decay rates live in [0, 1)).
pub const BELOW_ONE: f32 = 1.0 - f32::EPSILON / 2.0;
/// The largest seed.
pub const MAX_SEED: u32 = u32::MAX;

const fn one(v: Value) -> DefaultValue {
    DefaultValue::One(v)
}
const fn f32s(name: &'static str, min: f32, max: f32, default: f32) -> Setting {
    Setting {
        name,
        kind: Kind::F32 { min, max },
        default: one(Value::F32(default)),
    }
}
const fn u32s(name: &'static str, min: u32, max: u32, default: u32) -> Setting {
    Setting {
        name,
        kind: Kind::U32 { min, max },
        default: one(Value::U32(default)),
    }
}
const fn bools(name: &'static str, default: bool) -> Setting {
    Setting {
        name,
        kind: Kind::Bool,
        default: one(Value::Bool(default)),
    }
}
const fn enums(
    name: &'static str,
    values: &'static [&'static str],
    default: &'static str,
) -> Setting {
    Setting {
        name,
        kind: Kind::Enum(values),
        default: one(Value::Str(default)),
    }
}
const fn list(
    name: &'static str,
    values: &'static [&'static str],
    default: &'static str,
) -> Setting {
    Setting {
        name,
        kind: Kind::List {
            values,
            min_items: 0,
        },
        default: one(Value::Str(default)),
    }
}

const fn min_items(s: Setting, n: u32) -> Setting {
    match s.kind {
        Kind::List { values, .. } => Setting {
            kind: Kind::List {
                values,
                min_items: n,
            },
            ..s
        },
        _ => s,
    }
}
const fn blank_f32(name: &'static str, min: f32, max: f32) -> Setting {
    Setting {
        name,
        kind: Kind::F32 { min, max },
        default: DefaultValue::Blank,
    }
}
const fn f32_list(name: &'static str, len: u32, min: f32, max: f32) -> Setting {
    Setting {
        name,
        kind: Kind::F32List { min, max, len },
        default: DefaultValue::Blank,
    }
}

const DATASET: Setting = enums("dataset", DATASETS, "mnist");
/// The "data settings" shared by train, k-NN and few-shot: CIFAR-100 (built in or the user's
/// files) trains on its 100 fine or 20 coarse labels (the page leaves it out of links at its
/// default).
const LABEL_MODE: Setting = enums("label_mode", &["fine", "coarse"], "fine");
/// Largest |w| or |b| of the views' lines (lines far outside the view teach nothing).
pub const MAX_VIEWS_PARAM: f32 = 1e4;
/// What the classifier sees (issue 12, item 1; `crate::features::FeatureKind`): the raw pixels
/// (the default: today's behaviour) or HOG / hue-histogram features standardised on the
/// training rows. `+` is written as is in the URL (the page reads it as `+`, not a space).
const FEATURES: Setting = enums(
    "features",
    &["pixels", "hog", "color_hist", "hog+color_hist"],
    "pixels",
);
const SEED: Setting = u32s("seed", 0, MAX_SEED, 1);
const AUTOPLAY: Setting = bools("autoplay", false);
const LOSS: Setting = enums("loss", &["softmax", "svm"], "softmax");
// The SVM's variants (CS231n notes, "Linear classification").
const DELTA: Setting = f32s("delta", 0.0, 1e6, 1.0);
const SQUARED_HINGE: Setting = bools("squared_hinge", false);
const INCLUDE_CORRECT: Setting = bools("include_correct", false);
const MEAN_OVER_CLASSES: Setting = bools("mean_over_classes", false);
/// Features are raw pixels 0..255 minus the mean image (CS231n's convention), hence tiny rates
/// (docs/DEFAULTS.md: tuned natively, seed 1).
const LEARNING_RATE: Setting = Setting {
    name: "learning_rate",
    // Up to 1e30 so a lecture can show divergence (issue 11): the solver refuses a step whose
    // loss, gradient or weights are not finite and stops with a message.
    kind: Kind::F32 {
        min: 1e-12,
        max: 1e30,
    },
    default: DefaultValue::PerDataset(&[
        ("mnist", Value::F32(1e-5)),
        ("cifar10", Value::F32(3e-7)),
        ("cifar100", Value::F32(3e-7)),
        ("files", Value::F32(1e-6)),
    ]),
};
const REG: Setting = Setting {
    name: "reg",
    kind: Kind::F32 {
        min: 0.0,
        max: 1e12,
    },
    default: DefaultValue::PerDataset(&[
        ("mnist", Value::F32(10.0)),
        ("cifar10", Value::F32(10000.0)),
        // 100 classes: the same initial reg_loss as CIFAR-10 at 10,000 (‖W‖² grows with C).
        ("cifar100", Value::F32(1000.0)),
        ("files", Value::F32(1000.0)),
    ]),
};
const REGULARIZATION: Setting = enums("regularization", &["l2", "l1", "none"], "l2");
const BATCH_SIZE: Setting = u32s("batch_size", 1, 10_000, 200);
const NUM_ITERS: Setting = u32s("num_iters", 1, 100_000, 1500);

/// Train mode (`www/state.js` PROPS): the linear classifier.
pub const TRAIN: &[Setting] = &[
    DATASET,
    LABEL_MODE,
    enums("subset", &["first", "stratified"], "first"),
    LOSS,
    DELTA,
    SQUARED_HINGE,
    INCLUDE_CORRECT,
    MEAN_OVER_CLASSES,
    LEARNING_RATE,
    REG,
    REGULARIZATION,
    enums("update_rule", UPDATE_RULES, "sgd"),
    f32s("momentum", 0.0, BELOW_ONE, 0.9),
    f32s("decay_rate", 0.0, BELOW_ONE, 0.99),
    f32s("beta1", 0.0, BELOW_ONE, 0.9),
    f32s("beta2", 0.0, BELOW_ONE, 0.999),
    f32s("epsilon", 1e-12, 1.0, 1e-8),
    bools("bias_correction", true),
    BATCH_SIZE,
    NUM_ITERS,
    u32s("eval_every", 1, 100_000, 50),
    SEED,
    // CIFAR-10: 9000 + 1000 fills exactly one 10 000-image PNG batch.
    Setting {
        name: "num_train",
        kind: Kind::U32 {
            min: 1,
            max: 59_999,
        },
        default: DefaultValue::PerDataset(&[
            ("mnist", Value::U32(10_000)),
            ("cifar10", Value::U32(9_000)),
            // All 10,000 records of the served subset (100 per fine class) with the 1,000 of num_val.
            ("cifar100", Value::U32(9_000)),
            ("files", Value::U32(10_000)),
        ]),
    },
    u32s("num_val", 1, 10_000, 1_000),
    u32s("num_test", 1, 10_000, 10_000),
    bools("bias_trick", true),
    bools("subtract_mean", true),
    FEATURES,
    AUTOPLAY,
    // Iterations per second while playing (0: as fast as possible), so a room can watch the
    // curves and templates form; the page paces the worker, the numbers are the same.
    u32s("speed", 0, 10_000, 0),
    list(
        "views",
        &["confusion", "predictions", "algebraic"],
        "confusion,predictions,algebraic",
    ),
];

/// k-NN mode (`www/modes/knn/state.js`).
pub const KNN: &[Setting] = &[
    DATASET,
    LABEL_MODE,
    enums("metric", &["l2", "l1"], "l2"),
    u32s("k", 1, 1000, 3),
    u32s("num_train", 1, 60_000, 5000),
    u32s("num_test", 1, 10_000, 500),
    enums("subset", &["first", "stratified"], "first"),
    FEATURES,
    SEED,
    // The CS231n list of k to cross-validate over.
    Setting {
        name: "k_choices",
        kind: Kind::U32List {
            min: 1,
            max: 1000,
            max_len: 20,
        },
        default: one(Value::U32s(&[1, 3, 5, 8, 10, 12, 15, 20, 50, 100])),
    },
    u32s("toy_classes", 2, 5, 3),
    u32s("workers", 0, 8, 0),
    AUTOPLAY,
];

/// The datasets of few-shot mode: the page's and Omniglot (`src/omniglot.rs`).
pub const FEWSHOT_DATASETS: &[&str] = &["mnist", "cifar10", "cifar100", "omniglot", "files"];

/// Few-shot mode (`www/modes/fewshot/state.js`).
pub const FEWSHOT: &[Setting] = &[
    enums("dataset", FEWSHOT_DATASETS, "mnist"),
    LABEL_MODE,
    // Omniglot's two "background small" sets: 136 and 156 characters; Greek and Latin are in both,
    // so one set at a time.
    enums("omniglot_set", &["small1", "small2"], "small1"),
    enums("split", &["test", "train"], "test"),
    u32s("n_way", 2, 100, 5),
    u32s("k_shot", 1, 50, 1),
    u32s("num_queries", 1, 100, 5),
    u32s("num_episodes", 1, 10_000, 200),
    // mhd: the Modified Hausdorff Distance, for the one-shot benchmark only.
    enums("metric", &["l2", "l1", "mhd"], "l2"),
    // The N classes of an episode from one alphabet (as in Lake et al. 2015) or from all; a
    // dataset without alphabets draws across whatever this says.
    enums("episodes", &["within", "across"], "within"),
    // Episodes on HOG / hue-histogram features, standardised on the split (src/fewshot.rs
    // `PoolFeatures`); colour histograms are refused on grayscale data.
    FEATURES,
    SEED,
    // oneshot: run the 20 runs of Omniglot's 20-way 1-shot benchmark (all_runs.zip) on load.
    enums("benchmark", &["none", "oneshot"], "none"),
    AUTOPLAY,
];

/// Race mode (`www/modes/race/state.js`, racers from `racers.js`).
pub const RACE: &[Setting] = &[
    enums(
        "surface",
        &["ravine", "saddle", "local_min", "rosenbrock"],
        "ravine",
    ),
    min_items(
        list(
            "racers",
            &[
                "sgd",
                "sgd_momentum",
                "nesterov",
                "adagrad",
                "rmsprop",
                "adam",
                "adam_no_bc",
                "lbfgs",
                "newton",
            ],
            "sgd,sgd_momentum,nesterov,adagrad,rmsprop,adam,adam_no_bc",
        ),
        1,
    ),
    // Each racer's learning rate; blank: the surface's own (www/modes/race/racers.js), so a
    // too-large one can be tried (the racer stops with a note when it diverges). Newton's is its
    // damping (1 = the full step).
    blank_f32("lr_sgd", 1e-9, 1e6),
    blank_f32("lr_sgd_momentum", 1e-9, 1e6),
    blank_f32("lr_nesterov", 1e-9, 1e6),
    blank_f32("lr_adagrad", 1e-9, 1e6),
    blank_f32("lr_rmsprop", 1e-9, 1e6),
    blank_f32("lr_adam", 1e-9, 1e6),
    blank_f32("lr_adam_no_bc", 1e-9, 1e6),
    blank_f32("lr_newton", 1e-9, 1e6),
    bools("noise", false),
    f32s("noise_std", 0.0, 1000.0, 0.5),
    // Blank: the surface's own start (where its lesson shows).
    blank_f32("start_x", -1e6, 1e6),
    blank_f32("start_y", -1e6, 1e6),
    u32s("steps_per_frame", 1, 100, 1),
    u32s("max_steps", 1, 100_000, 500),
    SEED,
    AUTOPLAY,
];

/// Lab mode (`www/modes/lab/state.js`: train mode's keys with the lab's budgets).
pub const LAB: &[Setting] = &[
    DATASET,
    LOSS,
    DELTA,
    SQUARED_HINGE,
    INCLUDE_CORRECT,
    MEAN_OVER_CLASSES,
    REGULARIZATION,
    REG,
    SEED,
    u32s("num_train", 1, 59_999, 2000),
    u32s("num_val", 1, 5000, 500),
    u32s("num_test", 1, 10_000, 2000),
    BATCH_SIZE,
    u32s("num_iters", 1, 5000, 200),
    min_items(
        list(
            "rules",
            UPDATE_RULES,
            "sgd,gd,sgd_momentum,nesterov,adagrad,rmsprop,adam,lbfgs",
        ),
        1,
    ),
    f32s("h", 1e-12, 1.0, 1e-5),
    u32s("num_checks", 1, 200, 12),
    u32s("search_iters", 1, 5000, 1000),
    u32s("sweep_iters", 1, 2000, 100),
    u32s("sweep_folds", 1, 10, 1),
];

/// Views mode (`www/modes/views/state.js`): the geometric view and the curse of dimensionality.
pub const VIEWS: &[Setting] = &[
    enums("view", &["geometric", "curse"], "geometric"),
    enums("layout", &["blobs", "xor", "rings"], "blobs"),
    enums("loss", &["svm", "softmax"], "svm"),
    f32s("reg", 0.0, 100.0, 0.01),
    f32s("learning_rate", 1e-6, 100.0, 0.1),
    u32s("train_steps", 1, 10_000, 100),
    u32s("num_per_class", 1, 500, 30),
    SEED,
    // The lines' (2, 3) weights, row-major, and 3 biases; blank: the seeded start.
    f32_list("w", 6, -MAX_VIEWS_PARAM, MAX_VIEWS_PARAM),
    f32_list("b", 3, -MAX_VIEWS_PARAM, MAX_VIEWS_PARAM),
    u32s("num_points", 2, 2000, 500),
    enums("metric", &["l2", "l1"], "l2"),
    u32s("num_queries", 1, 100, 20),
    u32s("points_per_axis", 2, 1000, 10),
];

/// The settings of `mode` in the page's order, `None` for an unknown mode.
pub fn table(mode: &str) -> Option<&'static [Setting]> {
    match mode {
        "train" => Some(TRAIN),
        "knn" => Some(KNN),
        "fewshot" => Some(FEWSHOT),
        "race" => Some(RACE),
        "lab" => Some(LAB),
        "views" => Some(VIEWS),
        _ => None,
    }
}

/// Setting `name` of `mode`.
///
/// # Panics
/// When there is none (a programming error: the names are fixed in this file).
pub fn setting(mode: &str, name: &str) -> &'static Setting {
    table(mode)
        .and_then(|t| t.iter().find(|s| s.name == name))
        .unwrap_or_else(|| panic!("no setting {name:?} in mode {mode:?}"))
}

fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

fn json_strs(out: &mut String, values: &[&str]) {
    out.push('[');
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json_str(out, v);
    }
    out.push(']');
}

/// A finite number as JSON: f32 in its shortest round-trip form (Rust's `{}`).
fn json_value(out: &mut String, v: Value) {
    match v {
        Value::F32(x) => out.push_str(&format!("{x}")),
        Value::F64(x) => out.push_str(&format!("{x}")),
        Value::U32(x) => out.push_str(&x.to_string()),
        Value::I32(x) => out.push_str(&x.to_string()),
        Value::Bool(b) => out.push_str(if b { "true" } else { "false" }),
        Value::Str(s) => json_str(out, s),
        Value::U32s(xs) => {
            out.push('[');
            for (i, x) in xs.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&x.to_string());
            }
            out.push(']');
        }
    }
}

/// The table of every mode as JSON: `{"train":[{"name":…,"type":…,"min":…,"max":…,
/// "values":[…],"default":…}, …], "knn":[…], …}`; `type` is one of `f32`, `f64`, `u32`, `i32`,
/// `bool`, `enum`, `list`, `u32_list`, `f32_list`; `min` / `max` (inclusive) for numbers and for
/// the elements of number lists, `values` for enum and list, `min_items` for a list that needs
/// some (left out when 0), `max_len` (most elements) of a `u32_list`, `len` (exact count) of an
/// `f32_list`; `default` a number, boolean, string or list of numbers, an object keyed by
/// dataset, or `null` for "no value". f32 numbers are written
/// in their shortest form that reads back to the same f32 (`Math.fround` of the parsed f64).
pub fn schema_json() -> String {
    let mut out = String::from("{");
    for (m, mode) in MODES.iter().enumerate() {
        if m > 0 {
            out.push_str(",\n ");
        }
        json_str(&mut out, mode);
        out.push_str(":[");
        for (i, s) in table(mode).unwrap_or(&[]).iter().enumerate() {
            if i > 0 {
                out.push_str(",\n  ");
            }
            out.push_str("{\"name\":");
            json_str(&mut out, s.name);
            let mut extra = String::new();
            let (ty, bounds, values) = match s.kind {
                Kind::F32 { min, max } => ("f32", Some((Value::F32(min), Value::F32(max))), None),
                Kind::F64 { min, max } => ("f64", Some((Value::F64(min), Value::F64(max))), None),
                Kind::U32 { min, max } => ("u32", Some((Value::U32(min), Value::U32(max))), None),
                Kind::I32 { min, max } => ("i32", Some((Value::I32(min), Value::I32(max))), None),
                Kind::Bool => ("bool", None, None),
                Kind::Enum(v) => ("enum", None, Some(v)),
                Kind::List { values, min_items } => {
                    if min_items > 0 {
                        extra = format!(",\"min_items\":{min_items}");
                    }
                    ("list", None, Some(values))
                }
                Kind::U32List { min, max, max_len } => {
                    extra = format!(",\"max_len\":{max_len}");
                    ("u32_list", Some((Value::U32(min), Value::U32(max))), None)
                }
                Kind::F32List { min, max, len } => {
                    extra = format!(",\"len\":{len}");
                    ("f32_list", Some((Value::F32(min), Value::F32(max))), None)
                }
            };
            out.push_str(",\"type\":\"");
            out.push_str(ty);
            out.push('"');
            if let Some((min, max)) = bounds {
                out.push_str(",\"min\":");
                json_value(&mut out, min);
                out.push_str(",\"max\":");
                json_value(&mut out, max);
            }
            if let Some(v) = values {
                out.push_str(",\"values\":");
                json_strs(&mut out, v);
            }
            out.push_str(&extra);
            out.push_str(",\"default\":");
            match s.default {
                DefaultValue::One(v) => json_value(&mut out, v),
                DefaultValue::Blank => out.push_str("null"),
                DefaultValue::PerDataset(map) => {
                    out.push('{');
                    for (j, (d, v)) in map.iter().enumerate() {
                        if j > 0 {
                            out.push(',');
                        }
                        json_str(&mut out, d);
                        out.push(':');
                        json_value(&mut out, *v);
                    }
                    out.push('}');
                }
            }
            out.push('}');
        }
        out.push(']');
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_is_inside_its_bounds_and_values() {
        for mode in MODES {
            for s in table(mode).unwrap() {
                for d in DATASETS {
                    let Some(v) = s.default_for(d) else {
                        assert_eq!(s.default, DefaultValue::Blank, "{mode}.{}", s.name);
                        continue;
                    };
                    let ok = match (s.kind, v) {
                        (Kind::F32 { min, max }, Value::F32(x)) => (min..=max).contains(&x),
                        (Kind::F64 { min, max }, Value::F64(x)) => (min..=max).contains(&x),
                        (Kind::U32 { min, max }, Value::U32(x)) => (min..=max).contains(&x),
                        (Kind::I32 { min, max }, Value::I32(x)) => (min..=max).contains(&x),
                        (Kind::Bool, Value::Bool(_)) => true,
                        (Kind::Enum(vs), Value::Str(x)) => vs.contains(&x),
                        (Kind::List { values, min_items }, Value::Str(x)) => {
                            x.split(',').all(|p| values.contains(&p))
                                && x.split(',').count() >= min_items as usize
                        }
                        (Kind::U32List { min, max, max_len }, Value::U32s(xs)) => {
                            xs.iter().all(|x| (min..=max).contains(x))
                                && xs.len() <= max_len as usize
                        }
                        _ => false,
                    };
                    assert!(
                        ok,
                        "{mode}.{}: default {v:?} does not fit {:?}",
                        s.name, s.kind
                    );
                }
            }
        }
    }

    #[test]
    fn below_one_is_the_largest_f32_below_one() {
        assert_eq!(BELOW_ONE.to_bits() + 1, 1f32.to_bits());
    }
}
