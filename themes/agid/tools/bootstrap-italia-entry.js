// The parts of Bootstrap Italia's JavaScript the theme's templates use, bundled by
// trim-bootstrap-italia.mjs in place of the 1 MB bundle:
// - init: marks focus that comes from the mouse (data-focus-mouse), so that BI's CSS shows
//   the focus ring to keyboard users only;
// - NavBarCollapsible: the main menu on small screens (data-bs-toggle="navbarcollapsible"),
//   which it finds and starts by itself.
// BI declares its plugins free of side effects, so a bare `import "…/navbar-collapsible.js"`
// would be dropped by the bundler: the binding is imported and used.
// A template that starts using another component (accordion, dropdown…) adds its import
// here and the classes its script adds in SAFELIST of trim-bootstrap-italia.mjs.
import init from "bootstrap-italia/dist/plugins/init.js";
import NavBarCollapsible from "bootstrap-italia/dist/plugins/navbar-collapsible.js";

init();
window.bootstrap = Object.assign(window.bootstrap || {}, { NavBarCollapsible });
