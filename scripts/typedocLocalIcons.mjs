// A TypeDoc plugin: icons refer to the symbols that assets/icons.js puts in every page (`#icon-x`), not
// to assets/icons.svg, which a browser refuses to load from a file:// page (one console error per
// icon). Served over http the pages look the same.
export function load(app) {
  app.renderer.on('endPage', (page) => {
    if (page.contents) page.contents = page.contents.replace(/href="[^"#]*assets\/icons\.svg#(icon-[^"]+)"/g, 'href="#$1"');
  });
}
