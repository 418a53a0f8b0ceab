//! Models: the linear classifier and k-nearest neighbours. Their public API takes and returns
//! ndarray types with the CS231n shapes (`x: (N, D)`, `dists: (num_test, num_train)`), as linfa
//! passes data; the kernels underneath run on the contiguous slices of standard-layout arrays.

pub mod knn;
pub mod knn_rank;
pub mod linear;

pub use linear::{LinearClassifier, LossParts};

use crate::error::{Error, Result};
use ndarray::ArrayView2;

/// `data` as a `(data.len() / cols, cols)` row-major view (no copy), e.g. `x: (N, D)` from the
/// flat pixel buffers the core keeps.
///
/// # Errors
/// [`Error::Shape`] when `cols` is 0 or `data.len()` is not a multiple of it.
pub fn view2<T>(data: &[T], cols: usize) -> Result<ArrayView2<'_, T>> {
    if cols == 0 || data.len() % cols != 0 {
        return Err(Error::Shape(format!(
            "{} values are not rows of {cols}",
            data.len()
        )));
    }
    ArrayView2::from_shape((data.len() / cols, cols), data).map_err(|e| Error::Shape(e.to_string()))
}

/// The elements of `a` in row-major order without a copy.
///
/// # Errors
/// [`Error::Shape`] naming `what` when `a` is not in standard (C-contiguous) layout: the
/// kernels read contiguous rows.
pub fn contiguous<'a, T>(a: &ArrayView2<'a, T>, what: &str) -> Result<&'a [T]> {
    a.to_slice().ok_or_else(|| {
        Error::Shape(format!(
            "{what} {:?} is not in standard (row-major, contiguous) layout",
            a.shape()
        ))
    })
}
