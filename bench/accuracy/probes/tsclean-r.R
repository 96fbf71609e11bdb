# R's ets, auto.arima and thetaf on each series' training part as it is and cleaned by tsclean, OWA against an M4
# Naive2 computed here on the values in order (grid gaps ignored): what cleaning outliers by default would do
# (bench/RESULTS.md, "Robustness probes").  From bench/accuracy:
#   Rscript probes/tsclean-r.R manifest.csv check/manifest.csv   (writes /tmp/clean/result.csv)
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
smape <- function(a, f) mean(200 * abs(a - f) / (abs(a) + abs(f)))
mase <- function(train, a, f, m) { mm <- if (length(train) > m) m else 1; s <- mean(abs(diff(train, lag = mm))); mean(abs(a - f)) / s }
seasonal_test <- function(x, m) {
  if (m == 1 || length(x) < 3 * m) return(FALSE)
  xacf <- acf(x, plot = FALSE, lag.max = m)$acf[-1, 1, 1]
  clim <- 1.645 / sqrt(length(x)) * sqrt(cumsum(c(1, 2 * xacf^2)))
  abs(xacf[m]) > clim[m]
}
naive2 <- function(x, h, m) {
  if (seasonal_test(x, m)) {
    si <- decompose(ts(x, frequency = m), type = "multiplicative")$seasonal
    des <- x / as.numeric(si)
    idx <- (length(x) - m + 1):length(x)
    sidx <- rep(as.numeric(si)[idx], length.out = h)
    rep(tail(des, 1), h) * sidx
  } else rep(tail(x, 1), h)
}
rows <- list()
for (man in args) {
  d <- dirname(man)
  mf <- read.csv(man, comment.char = "#", stringsAsFactors = FALSE)
  for (i in seq_len(nrow(mf))) {
    v <- read.csv(file.path(d, mf$file[i]))$value
    m <- mf$m[i]; h <- mf$h[i]; n <- length(v)
    train <- v[1:(n - h)]; test <- v[(n - h + 1):n]
    y <- ts(train, frequency = if (m > 24) 1 else m)
    if (anyNA(y)) y <- na.interp(y)
    yc <- tsclean(y)
    flagged <- sum(abs(as.numeric(yc) - as.numeric(y)) > 1e-9)
    late <- sum(abs(tail(as.numeric(yc), 2 * h) - tail(as.numeric(y), 2 * h)) > 1e-9)
    n2 <- naive2(as.numeric(y), h, frequency(y))
    res <- c(n2s = smape(test, n2), n2m = mase(as.numeric(y), test, n2, m))
    for (meth in c("ets", "arima", "theta")) {
      for (cl in c("raw", "clean")) {
        z <- if (cl == "raw") y else yc
        f <- tryCatch(switch(meth, ets = forecast(ets(z), h = h)$mean, arima = forecast(auto.arima(z), h = h)$mean,
                             theta = thetaf(z, h = h)$mean), error = function(e) rep(NA, h))
        f <- as.numeric(f)
        res[paste0(meth, "_", cl, "_s")] <- smape(test, f)
        res[paste0(meth, "_", cl, "_m")] <- mase(as.numeric(y), test, f, m)
      }
    }
    rows[[length(rows) + 1]] <- data.frame(name = mf$name[i], group = mf$group[i], flagged = flagged, late = late, t(res))
    cat(mf$name[i], flagged, late, "\n", file = stderr())
  }
}
r <- do.call(rbind, rows)
dir.create("/tmp/clean", showWarnings = FALSE)
write.csv(r, "/tmp/clean/result.csv", row.names = FALSE)
owa <- function(s, m) 0.5 * (mean(s) / mean(r$n2s) + mean(m) / mean(r$n2m))
for (meth in c("ets", "arima", "theta")) for (cl in c("raw", "clean"))
  cat(meth, cl, "overall OWA", owa(r[[paste0(meth, "_", cl, "_s")]], r[[paste0(meth, "_", cl, "_m")]]), "\n")
per <- function(meth, cl) 0.5 * (r[[paste0(meth, "_", cl, "_s")]] / r$n2s + r[[paste0(meth, "_", cl, "_m")]] / r$n2m)
print(data.frame(name = r$name, flagged = r$flagged, late = r$late, ets = round(per("ets", "raw"), 3), etsC = round(per("ets", "clean"), 3),
                 arima = round(per("arima", "raw"), 3), arimaC = round(per("arima", "clean"), 3), theta = round(per("theta","raw"),3), thetaC = round(per("theta","clean"),3))[r$flagged > 0, ])
