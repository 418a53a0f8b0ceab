// The update rules the lab compares, and a learning rate per rule and dataset: features are raw
// pixels minus the mean image, so SGD's step must be tiny (1e-5 on MNIST), while the adaptive rules
// (AdaGrad, RMSProp, Adam) take steps of about `learning_rate` per weight whatever the gradient's
// scale. Tuned with scripts/lab-figures.mjs (seed 1, the default budget).

export const RULE_LEARNING_RATE = {
  mnist: { gd: 1e-5, sgd: 1e-5, sgd_momentum: 1e-6, nesterov: 1e-6, adagrad: 1e-3, rmsprop: 1e-4, adam: 1e-4, lbfgs: 1 },
  cifar10: { gd: 3e-7, sgd: 3e-7, sgd_momentum: 3e-8, nesterov: 3e-8, adagrad: 1e-4, rmsprop: 1e-5, adam: 1e-5, lbfgs: 1 },
};
