//! Few-shot episodes on Omniglot's "background small 1" set (`data/omniglot/`): within-alphabet
//! draws take all N classes from one alphabet, across-alphabet draws mix them, and both are
//! seeded streams.

mod common;
mod zip;
use classplay::fewshot::{class_groups, evaluate, EpisodeDraw, FewShot, FewShotConfig};
use classplay::omniglot::decode_gray_png;
use classplay::Dataset;

/// The set as the page builds it: one class per `alphabet/characterNN`, in name order.
fn small1() -> Dataset {
    let mut files = zip::unzip(&common::repo_file(
        "data/omniglot/images_background_small1.zip",
    ));
    files.retain(|(n, _)| n.ends_with(".png"));
    files.sort();
    let class_of = |n: &str| {
        let parts: Vec<&str> = n.split('/').collect();
        format!("{}/{}", parts[1], parts[2])
    };
    let mut names: Vec<String> = files.iter().map(|(n, _)| class_of(n)).collect();
    names.dedup();
    let mut d = Dataset::custom(105, 105, 1, names.clone()).unwrap();
    let (mut pixels, mut labels) = (Vec::new(), Vec::new());
    for (n, b) in &files {
        pixels.extend(decode_gray_png(b, n).unwrap().2);
        labels.push(names.iter().position(|c| *c == class_of(n)).unwrap() as u16);
    }
    d.append_pixels(&pixels, &labels).unwrap();
    d
}

#[test]
fn within_alphabet_episodes_stay_in_one_alphabet() {
    let d = small1();
    assert_eq!((d.len(), d.num_classes()), (2720, 136));
    let (groups, count) = class_groups(&d.class_names()).unwrap();
    assert_eq!(count, 5);
    let cfg = FewShotConfig {
        n_way: 20,
        num_episodes: 30,
        ..FewShotConfig::default()
    };
    let mut within = FewShot::new(&d, cfg).unwrap();
    let mut across = FewShot::new(
        &d,
        FewShotConfig {
            draw: EpisodeDraw::Across,
            ..cfg
        },
    )
    .unwrap();
    let mut mixed = 0;
    for _ in 0..30 {
        let e = within.draw(&d).unwrap();
        let g = groups[e.classes[0] as usize];
        assert!(e.classes.iter().all(|&c| groups[c as usize] == g));
        let a = across.draw(&d).unwrap();
        mixed +=
            a.classes
                .iter()
                .any(|&c| groups[c as usize] != groups[a.classes[0] as usize]) as usize;
    }
    assert!(mixed >= 29, "across draws mix alphabets ({mixed} of 30)");
    // Seeded: the same settings give the same accuracies.
    let r1 = evaluate(&d, cfg).unwrap();
    assert_eq!(r1, evaluate(&d, cfg).unwrap());
    println!(
        "# Omniglot small1 20-way 1-shot L2: within {:.3}, across {:.3} (30 episodes)",
        r1.mean,
        evaluate(
            &d,
            FewShotConfig {
                draw: EpisodeDraw::Across,
                ..cfg
            }
        )
        .unwrap()
        .mean
    );
    // The largest alphabet of small1 (Korean) has 40 characters: 41-way within one is refused.
    let e = FewShot::new(&d, FewShotConfig { n_way: 41, ..cfg }).unwrap_err();
    assert!(e.to_string().contains("n_way"), "{e}");
}

#[test]
fn plain_class_names_have_no_groups() {
    let names: Vec<String> = (0..10).map(|c| c.to_string()).collect();
    assert_eq!(class_groups(&names), None);
    assert_eq!(class_groups(&["a/x".into(), "a/y".into()]), None); // one group
}
