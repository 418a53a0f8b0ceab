// The "data settings" shared by the modes that load a dataset (train, knn, fewshot): which one,
// and for CIFAR-100 files the fine or coarse labels. Page things only (labels, visibility); type,
// values and default are the core's (src/settings.rs `DATASET`, `LABEL_MODE`).

/** The dataset key's page entry. */
export const DATASET = { name: 'dataset', label: 'Dataset',
  valueNames: { mnist: 'MNIST', cifar10: 'CIFAR-10', cifar100: 'CIFAR-100', files: 'Your files' } };

/**
 * CIFAR-100 trains on its 100 fine or 20 coarse labels. Shown for the built-in CIFAR-100 and once
 * CIFAR-100 files are loaded (`files_format`: the page's note of the import's format, not a URL
 * key); optional: left out of links at its default `fine`, so links made before it stay the same.
 */
export const LABEL_MODE = { name: 'label_mode', optional: true,
  when: (s) => s.dataset === 'cifar100' || (s.dataset === 'files' && s.files_format === 'cifar100'),
  label: 'CIFAR-100 labels (label_mode)',
  valueNames: { fine: 'fine (100 classes)', coarse: 'coarse (20 superclasses)' } };

/** Both, in the order every data mode lists them. */
export const DATA_SETTINGS = [DATASET, LABEL_MODE];
