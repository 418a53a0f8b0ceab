// The learned per-class templates: row c of the weights reshaped to an image (CS231n), one canvas
// per class with its name underneath. The core already min-max scales them to RGBA.

/**
 * data: {rgba (num_classes*h*w*4) or null, height, width, class_names}.
 * Canvases (data-testid template-0 ...) are kept between calls; null rgba leaves them as they are.
 */
export function renderTemplates(container, data) {
  const { height, width, class_names: names, rgba } = data;
  const shape = `${names.length}:${height}x${width}:${names.join(',')}`;
  if (container.dataset.shape !== shape) {
    container.textContent = '';
    names.forEach((name, c) => {
      const figure = document.createElement('figure');
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      canvas.dataset.testid = `template-${c}`;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `template of class ${name}`);
      const caption = document.createElement('figcaption');
      caption.textContent = name;
      figure.append(canvas, caption);
      container.append(figure);
    });
    container.dataset.shape = shape;
  }
  if (!rgba) return;
  const size = height * width * 4;
  container.querySelectorAll('canvas').forEach((canvas, c) => {
    const pixels = new ImageData(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset + c * size, size),
      width, height);
    canvas.getContext('2d').putImageData(pixels, 0, 0);
  });
}
