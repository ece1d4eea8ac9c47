// zoom_probe.js — appended to a copy of the example's page by run.sh: drives the timeline as a
// user would (five wheel steps in over the middle of the plot, a drag, a double click) and
// writes what the time axis showed after each into the title, for --dump-dom to read.
(() => {
  const svg = document.getElementById('tl');
  // The time axis: its labels "N µs" (or "N event"), left to right; the time per pixel
  // between the first two (the labels' step is rounded to 1, 2 or 5 × 10^k, so how much it
  // changes depends on the trace's span; the scale does not) and the first label.
  const axis = () => {
    const v = [...svg.querySelectorAll('text')]
      .filter(t => /^-?[0-9.e+-]+ (\u00b5s|event)$/.test(t.textContent))
      .map(t => [parseFloat(t.textContent), parseFloat(t.getAttribute('x'))]);
    return v.length >= 2 ? [(v[1][0] - v[0][0]) / (v[1][1] - v[0][1]), v[0][0]] : [NaN, NaN];
  };
  const r = svg.getBoundingClientRect();
  const at = (x, y) => ({clientX: r.left + x, clientY: r.top + y, bubbles: true, cancelable: true});
  const mid = (150 + r.width) / 2, y = 60;
  const before = axis();
  for (let i = 0; i < 5; i++)
    svg.dispatchEvent(new WheelEvent('wheel', {...at(mid, y), deltaY: -100}));
  const zoomed = axis();
  svg.dispatchEvent(new MouseEvent('mousedown', at(mid, y)));
  svg.dispatchEvent(new MouseEvent('mousemove', at(mid - 200, y)));
  window.dispatchEvent(new MouseEvent('mouseup', at(mid - 200, y)));
  const panned = axis();
  svg.dispatchEvent(new MouseEvent('dblclick', at(mid, y)));
  const reset = axis();
  document.title = 'zoom probe: ' + JSON.stringify({before, zoomed, panned, reset});
})();
