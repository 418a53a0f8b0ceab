// A grid of real training images, one column per class (as in CS231n's first notebook).

/** Group sample indices by label: columns[c] = indices of the samples of class c, in order. */
export function columnsByClass(labels, numClasses) {
  const columns = Array.from({ length: numClasses }, () => []);
  labels.forEach((label, i) => columns[label]?.push(i));
  return columns;
}

/**
 * data: {rgba (n*h*w*4), labels (n), height, width, class_names}. Redraws from scratch.
 */
export function renderSamples(container, data) {
  const { rgba, labels, height, width, class_names: names } = data;
  const size = height * width * 4;
  container.textContent = '';
  columnsByClass(labels, names.length).forEach((indices, c) => {
    const column = document.createElement('figure');
    const caption = document.createElement('figcaption');
    caption.textContent = names[c];
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height * Math.max(1, indices.length);
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', `${indices.length} training images of class ${names[c]}`);
    const ctx = canvas.getContext('2d');
    indices.forEach((i, row) => {
      const pixels = new Uint8ClampedArray(rgba.buffer, rgba.byteOffset + i * size, size);
      ctx.putImageData(new ImageData(pixels, width, height), 0, row * height);
    });
    column.append(caption, canvas);
    container.append(column);
  });
}
