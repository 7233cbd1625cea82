// The ribbon only opens the task pane (ShowTaskpane); Office still expects the FunctionFile
// page to initialise Office.js. A file, not an inline script: the pane's policy runs none.
if (window.Office) { Office.onReady(function () {}); }
