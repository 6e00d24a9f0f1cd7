/**
 * Schools' files ({@code schemas/schools}): safeguarding-concern CSV exports, daily attendance CSV files
 * and the DfE Common Transfer File. Each reader streams a file row by row (a CTF pupil by pupil) and hands
 * on each row either mapped or with its problems ({@link org.mashhub.adapters.schools.RowHandler}); a file
 * that cannot be read at all is a {@link org.mashhub.adapters.schools.FileRejectedException}.
 * {@link org.mashhub.adapters.schools.AttendancePattern} says what a pupil's marks over a window show;
 * {@link org.mashhub.adapters.schools.ErrorReport} writes the problems as spreadsheet-safe CSV.
 */
package org.mashhub.adapters.schools;
