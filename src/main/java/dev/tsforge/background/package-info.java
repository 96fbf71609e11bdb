/**
 * The service's own background threads, apart from JobRunr's (whose workers are the training slots, so nothing short
 * may wait behind an hour-long training there): {@link dev.tsforge.background.PeriodicTask} for pollers of the
 * database that every replica runs, {@link dev.tsforge.background.BackgroundWorker} for work handed over after a
 * commit so that the request that caused it does not wait, {@link dev.tsforge.background.QueueWorker} for the same
 * where the work may fall behind and the request must neither wait nor let memory grow (a bounded queue, drops
 * counted by the caller).
 */
package dev.tsforge.background;
