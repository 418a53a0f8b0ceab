//! The suite that runs in three places: natively (`cargo test`), in wasm under node, and in wasm in
//! headless Chromium (and a dedicated worker) via wasm-bindgen-test-runner. In wasm it exercises
//! the SIMD128 kernel the page ships; natively the portable vector type.

use classplay::kernels::{scalar, Real, SIMD128};
use classplay::rng::{randn_f32, rng_for, Stream};
use wasm_bindgen_test::wasm_bindgen_test;

fn bits(v: &[f32]) -> Vec<u32> {
    v.iter().map(|x| x.to_bits()).collect()
}

/// The shipped wasm build must carry SIMD128 (RUSTFLAGS in the environment silently replaces the
/// `+simd128` of .cargo/config.toml: this catches it).
#[wasm_bindgen_test(unsupported = test)]
#[allow(clippy::assertions_on_constants)]
fn simd128_is_compiled_into_the_wasm_build() {
    if cfg!(target_arch = "wasm32") {
        assert!(
            SIMD128,
            "this wasm build lacks +simd128 (was RUSTFLAGS set?)"
        );
        assert!(cfg!(target_feature = "simd128"));
    } else {
        assert!(!SIMD128);
    }
}

/// SIMD path = scalar path, bit for bit, on the training shapes and every remainder.
#[wasm_bindgen_test(unsupported = test)]
fn fast_gemm_equals_scalar_reference_bitwise() {
    let mut rng = rng_for(3, Stream::Init);
    for &(m, k, n) in &[
        (200, 785, 10),
        (7, 3073, 10),
        (5, 9, 13),
        (1, 1, 1),
        (4, 12, 24),
        // the narrow path's column groups: 20 = 10 + 10, 23 = 8 + 8 + 7, and k-blocks
        (9, 1030, 20),
        (13, 515, 23),
        (6, 40, 30),
    ] {
        let a = randn_f32(m * k, 50.0, &mut rng);
        let b = randn_f32(k * n, 0.01, &mut rng);
        let mut want = vec![0f32; m * n];
        scalar::gemm(m, k, n, &a, k, 1, &b, &mut want);
        let mut got = vec![0f32; m * n];
        f32::matmul(m, k, n, &a, &b, &mut got);
        assert_eq!(bits(&got), bits(&want), "x·w {m}×{k}×{n}");
        let mut want_t = vec![0f32; m * n];
        scalar::gemm(m, k, n, &a, 1, m, &b, &mut want_t);
        let mut got_t = vec![0f32; m * n];
        f32::matmul_tn(k, m, n, &a, &b, &mut got_t);
        assert_eq!(bits(&got_t), bits(&want_t), "xᵀ·dscores {m}×{k}×{n}");
    }
}

#[cfg(target_arch = "wasm32")]
mod api {
    use classplay::api::{LossKind, Playground, TrainConfig};
    use wasm_bindgen_test::wasm_bindgen_test;

    const IMAGES: &[u8] = include_bytes!("../data/mnist/t10k-images-idx3-ubyte.gz");
    const LABELS: &[u8] = include_bytes!("../data/mnist/t10k-labels-idx1-ubyte.gz");

    fn playground() -> Playground {
        let mut p = Playground::new();
        assert_eq!(p.load_mnist("train", IMAGES, LABELS, 2500).unwrap(), 2500);
        assert_eq!(p.load_mnist("test", &IMAGES, LABELS, 0).unwrap(), 10_000);
        p
    }

    fn config(loss: LossKind) -> TrainConfig {
        let mut c = TrainConfig::new();
        c.loss = loss;
        c.num_train = 2000;
        c.num_val = 500;
        c.num_iters = 150;
        c
    }

    #[wasm_bindgen_test]
    fn trains_through_the_boundary_deterministically() {
        for loss in [LossKind::Softmax, LossKind::Svm] {
            let run = || {
                let mut p = playground();
                p.setup(&config(loss)).unwrap();
                while p.train(13).unwrap() > 0 {}
                p
            };
            let (a, b) = (run(), run());
            assert_eq!(a.iteration(), 150);
            let (ha, hb) = (a.loss_history(0), b.loss_history(0));
            assert_eq!(ha.len(), 150);
            assert_eq!(
                ha.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                hb.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
            );
            assert!(
                a.test_acc().unwrap() > 0.8,
                "test acc {}",
                a.test_acc().unwrap()
            );
            assert_eq!(a.templates_rgba().unwrap().len(), 10 * 28 * 28 * 4);
        }
    }

    #[wasm_bindgen_test]
    fn knn_through_the_boundary() {
        let mut p = playground();
        p.knn_setup(1000, 100, "first", 1).unwrap();
        let all = p.knn_predict(0, 100, "l2", 3).unwrap();
        let halves = [
            p.knn_predict(0, 37, "l2", 3).unwrap(),
            p.knn_predict(37, 100, "l2", 3).unwrap(),
        ]
        .concat();
        assert_eq!(
            all, halves,
            "slices (one per worker) give the same predictions"
        );
        let labels = p.knn_test_labels().unwrap();
        let acc = all.iter().zip(&labels).filter(|(a, b)| a == b).count();
        assert!(acc >= 80, "k-NN on 1000 MNIST digits: {acc}/100");
        let nb = p.knn_neighbors(0, "l1", 5).unwrap();
        assert_eq!(nb.len(), 10);
        assert!(
            nb.chunks(2)
                .zip(nb.chunks(2).skip(1))
                .all(|(a, b)| a[1] <= b[1]),
            "nearest first"
        );
        let cv = p.knn_cross_validate("l2", &[1, 3, 5], 5).unwrap();
        assert_eq!(cv.len(), 15);
        assert!(cv.iter().all(|&a| (0.5..=1.0).contains(&a)));
        p.knn_setup(1000, 100, "stratified", 2).unwrap();
        assert!(p.knn_setup(1000, 100, "sorted", 2).is_err());
        assert!(p.knn_predict(0, 101, "l2", 3).is_err());
        assert!(p.knn_predict(0, 10, "l3", 3).is_err());
        let g = classplay::api::knn_grid_2d(
            &[-1.0, 0.0, 1.0, 0.0],
            &[0, 1],
            1,
            "l2",
            4,
            1,
            -2.0,
            -1.0,
            2.0,
            1.0,
        )
        .unwrap();
        assert_eq!(g, vec![0, 0, 1, 1]);
    }

    /// Every update rule through the boundary: same init, deterministic, loss falling.
    #[wasm_bindgen_test]
    fn every_update_rule_trains_through_the_boundary() {
        use classplay::api::{update_rule_from_name, update_rule_name, UpdateRule};
        let mut p = playground();
        let mut first = vec![];
        for (name, lr) in [
            ("gd", 1e-5),
            ("sgd", 1e-5),
            ("sgd_momentum", 1e-6),
            ("nesterov", 1e-6),
            ("adagrad", 1e-3),
            ("rmsprop", 1e-4),
            ("adam", 1e-4),
            ("lbfgs", 1e-5),
        ] {
            let rule = update_rule_from_name(name).unwrap();
            assert_eq!(update_rule_name(rule), name);
            let mut c = config(LossKind::Softmax);
            c.update_rule = rule;
            c.learning_rate = lr;
            c.num_iters = 10;
            let run = |p: &mut Playground| {
                p.setup(&c).unwrap();
                while p.train(4).unwrap() > 0 {}
                p.loss_history(0)
            };
            let (a, b) = (run(&mut p), run(&mut p));
            assert_eq!(a.len(), 10, "{name}");
            assert_eq!(
                a.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                b.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                "{name}"
            );
            assert!(a[9] < a[0], "{name}: {a:?}");
            first.push(a[0]);
        }
        // minibatch rules see the same first batch from the same w; gd and lbfgs the full batch
        assert!(first[1..7].iter().all(|&v| v == first[1]), "{first:?}");
        assert_eq!(first[0], first[7]);
        assert!(update_rule_from_name("momentum").is_err());
        let mut bad = config(LossKind::Softmax);
        bad.update_rule = UpdateRule::Adam;
        bad.beta2 = 1.0;
        assert!(p.setup(&bad).is_err());
    }

    #[wasm_bindgen_test]
    fn lab_panels_through_the_boundary() {
        use classplay::api::{
            surface_grid, surface_view, sweep_best_cell, Race, RaceRule, Regularization, UpdateRule,
        };
        let mut p = playground();
        // gradient check: 8 numbers per row (index, numeric, analytic, rel_error, kink, slopes, flags)
        let mut c = config(LossKind::Svm);
        c.regularization = Regularization::L1;
        let g = p.grad_check(&c, 12, 1e-5).unwrap();
        assert_eq!(g.len(), 12);
        assert_eq!(g.rows().len(), 12 * 8);
        assert!(
            g.max_rel_error_smooth() < 1e-6,
            "{}",
            g.max_rel_error_smooth()
        );
        assert!(p.grad_check(&c, 0, 1e-5).is_err());
        // sanity: SVM at init ≈ C − 1 = 9
        let s = p.loss_sanity(&c).unwrap();
        assert_eq!(s[1], 9.0);
        assert!((s[0] - 9.0).abs() < 0.2, "{s:?}");
        assert_eq!(s.len(), 10);
        assert_eq!(s[7], 1.0, "verdict OK: {s:?}");
        c.squared_hinge = true;
        // squared hinge: limit (C − 1)·Δ² = 9, the expected value above it (E[(Δ + ε)²] > Δ²)
        let s = p.loss_sanity(&c).unwrap();
        assert_eq!(s[1], 9.0);
        assert!(s[3] > 9.0, "{s:?}");
        // random local search, in chunks, twice: bit for bit
        let search = |p: &mut Playground| {
            p.search_setup(&config(LossKind::Svm), "local", 1e-3, 1e-4)
                .unwrap();
            p.search_step(5).unwrap();
            p.search_step(5).unwrap();
            p.search_loss_history(0)
        };
        let (a, b) = (search(&mut p), search(&mut p));
        assert_eq!(a.len(), 10);
        assert_eq!(
            a.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
            b.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
        );
        assert!(p.search_val_acc().unwrap() > 0.0);
        assert!(p.search_val_top5().unwrap() >= p.search_val_acc().unwrap());
        assert!(p
            .search_setup(&config(LossKind::Svm), "grid", 1e-3, 1e-4)
            .is_err());
        // sweep: 2 × 2 cells
        let mut sc = config(LossKind::Softmax);
        sc.num_iters = 20;
        assert_eq!(p.sweep_setup(&sc, &[1e-7, 1e-5], &[0.0, 10.0]).unwrap(), 4);
        let cell = p.sweep_run_cell(2).unwrap();
        assert_eq!(cell.len(), 5); // val_acc, diverged, final_loss, val_top5, val_acc_std (0 for one split)
        assert_eq!(cell[4], 0.0, "one split: no spread");
        assert!(cell[3] >= cell[0], "top-5 {} ≥ top-1 {}", cell[3], cell[0]);
        assert_eq!(p.sweep_best(), 2);
        assert!(p.sweep_results()[0].is_nan());
        assert_eq!(sweep_best_cell(&[f32::NAN, 0.2, 0.3, 0.3]), 2);
        // the race: Adam's first step with and without bias correction
        let view = surface_view("ravine").unwrap();
        assert_eq!(view.len(), 6);
        let mut race = Race::new("ravine", 0.0, 1).unwrap();
        race.add(&RaceRule::new(UpdateRule::Adam, 0.1), view[4], view[5])
            .unwrap();
        let mut raw = RaceRule::new(UpdateRule::Adam, 0.1);
        raw.bias_correction = false;
        race.add(&raw, view[4], view[5]).unwrap();
        race.add(&RaceRule::new(UpdateRule::Nesterov, 0.1), view[4], view[5])
            .unwrap();
        race.step(1).unwrap();
        let step = |i: u32| {
            let t = race.trail(i, 0);
            ((t[2] - t[0]).powi(2) + (t[3] - t[1]).powi(2)).sqrt()
        };
        assert!((step(1) / step(0) - 3.1623).abs() < 1e-3);
        assert_eq!(race.num_racers(), 3);
        assert_eq!(race.positions().len(), 9);
        assert!(Race::new("bowl", 0.0, 1).is_err());
        let grid = surface_grid("rosenbrock", 8, 4, -2.0, -1.0, 2.0, 3.0).unwrap();
        assert_eq!(grid.len(), 32);
    }

    #[wasm_bindgen_test]
    fn bad_input_is_an_error_and_keeps_state() {
        let mut p = playground();
        p.setup(&config(LossKind::Softmax)).unwrap();
        p.train(5).unwrap();
        let mut bad = config(LossKind::Softmax);
        bad.learning_rate = f32::NAN;
        assert!(p.setup(&bad).is_err());
        assert_eq!(
            p.iteration(),
            5,
            "the previous run survives a refused setup"
        );
        assert!(p.load_mnist("train", &IMAGES[..1000], LABELS, 0).is_err());
        assert!(p.load_mnist("nope", IMAGES, LABELS, 1).is_err());
        assert!(p.load_cifar_bin("test", &[1, 2, 3], 0).is_err());
        assert_eq!(p.iteration(), 5, "a refused file keeps the run");
        assert_eq!(p.num_records("train").unwrap(), 2500, "and the data");
        assert_eq!(p.train(3).unwrap(), 3, "training goes on");
    }
}

/// The exact u8 distances (SIMD128 integer path in wasm) equal the scalar reference, including
/// the largest differences and lengths that are not multiples of 16.
#[wasm_bindgen_test(unsupported = test)]
fn u8_distances_equal_scalar_reference() {
    use classplay::kernels::distance::{sad_u8, sad_u8_scalar, ssd_u8, ssd_u8_scalar};
    for len in [1usize, 15, 16, 17, 784, 3072, 3079] {
        let a: Vec<u8> = (0..len).map(|i| (i * 37 % 256) as u8).collect();
        let b: Vec<u8> = (0..len)
            .map(|i| {
                if i % 3 == 0 {
                    255 - a[i]
                } else {
                    (i * 101 % 256) as u8
                }
            })
            .collect();
        assert_eq!(ssd_u8(&a, &b), ssd_u8_scalar(&a, &b), "ssd len {len}");
        assert_eq!(sad_u8(&a, &b), sad_u8_scalar(&a, &b), "sad len {len}");
        // the blocked matrix kernels (four training rows at a time), 7 rows: a remainder of 3
        let bs: Vec<u8> = (0..7 * len).map(|i| (i * 53 % 256) as u8).collect();
        let (mut l2, mut l1) = (vec![0u32; 7], vec![0u32; 7]);
        classplay::kernels::distance::l2_squared_u8(&a, &bs, 1, 7, len, &mut l2);
        classplay::kernels::distance::l1_u8(&a, &bs, 1, 7, len, &mut l1);
        for j in 0..7 {
            let bj = &bs[j * len..(j + 1) * len];
            assert_eq!(l2[j], ssd_u8_scalar(&a, bj), "l2 row {j} len {len}");
            assert_eq!(l1[j], sad_u8_scalar(&a, bj), "l1 row {j} len {len}");
        }
        let zeros = vec![0u8; len];
        let full = vec![255u8; len];
        assert_eq!(ssd_u8(&zeros, &full), 65025 * len as u32);
        assert_eq!(sad_u8(&full, &zeros), 255 * len as u32);
    }
}

/// The f32 L1 kernel (SIMD128 in wasm) equals the portable vector type bit for bit.
#[wasm_bindgen_test(unsupported = test)]
fn l1_f32_simd_equals_portable() {
    use classplay::kernels::distance::{l1_f32, l1_f32_with};
    use classplay::kernels::vector::Emulated;
    let mut rng = rng_for(4, Stream::Init);
    let (m, n, d) = (3, 9, 3079);
    let a = randn_f32(m * d, 80.0, &mut rng);
    let b = randn_f32(n * d, 80.0, &mut rng);
    let mut fast = vec![0f32; m * n];
    let mut portable = vec![0f32; m * n];
    l1_f32(&a, &b, m, n, d, &mut fast);
    l1_f32_with::<Emulated>(&a, &b, m, n, d, &mut portable);
    assert_eq!(bits(&fast), bits(&portable));
}
