/**
 * Schools' files: a watched folder per school partner ({@link org.mashhub.hub.ingest.schools.SchoolFileRoute})
 * and an upload endpoint that puts files into it ({@link org.mashhub.hub.ingest.schools.SchoolFileController}).
 * {@link org.mashhub.hub.ingest.schools.SchoolFileProcessor} takes a file to the end through the acceptance
 * pipeline, row by row, keeping attendance marks in {@link org.mashhub.hub.ingest.schools.AttendanceLedger}
 * and the file's outcome and error report in {@link org.mashhub.hub.ingest.schools.SchoolFiles}.
 */
package org.mashhub.hub.ingest.schools;
