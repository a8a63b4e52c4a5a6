/** The CLI's reports: the Markdown summary on stdout and the {@code --report-json} file (Jackson 3). */
package dev.rehome.fleet.report;
