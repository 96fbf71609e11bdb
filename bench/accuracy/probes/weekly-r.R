# R's stlf (ETS and ARIMA), thetaf, seasonal naive and their medians on weekly.py's series, OWA against naive (not
# Naive2), the last 13 held out (bench/RESULTS.md, "Weeks in a year").  Rscript weekly-r.R <folder>/manifest.csv
suppressMessages(library(forecast))
args <- commandArgs(TRUE); mf <- read.csv(args[1], stringsAsFactors = FALSE, comment.char = "#"); d <- dirname(args[1])
smape <- function(a, f) mean(200 * abs(a - f) / (abs(a) + abs(f)))
res <- NULL
for (i in seq_len(nrow(mf))) { v <- read.csv(file.path(d, mf$file[i]))$value; v <- v[!is.na(v)]; n <- length(v); h <- mf$h[i]; m <- 52
  tr <- v[1:(n - h)]; te <- v[(n - h + 1):n]; y <- ts(tr, frequency = m)
  sc <- mean(abs(diff(tr, lag = 1)))
  fc <- list(snaive = snaive(y, h = h)$mean, naive = naive(y, h = h)$mean, stlf_ets = stlf(y, h = h)$mean,
             stlf_arima = stlf(y, h = h, method = "arima")$mean, thetaf = thetaf(y, h = h)$mean,
             ets = forecast(ets(ts(tr)), h = h)$mean, arima1 = forecast(auto.arima(ts(tr)), h = h)$mean)
  fc <- lapply(fc, as.numeric)
  fc$med_stl <- apply(cbind(fc$stlf_ets, fc$stlf_arima, fc$thetaf), 1, median)
  fc$med_plain <- apply(cbind(fc$ets, fc$arima1, fc$thetaf), 1, median)
  fc$med_sn <- apply(cbind(fc$stlf_ets, fc$snaive, fc$thetaf), 1, median)
  fc$med_mixed <- apply(cbind(fc$stlf_ets, fc$arima1, fc$thetaf), 1, median)
  row <- sapply(fc, function(f) c(smape(te, as.numeric(f)), mean(abs(te - as.numeric(f))) / sc))
  res <- rbind(res, data.frame(name = mf$name[i], method = colnames(row), s = row[1, ], m = row[2, ]))
}
agg <- aggregate(cbind(s, m) ~ method, res, mean); nv <- agg[agg$method == "naive", ]
agg$owa_vs_naive <- 0.5 * (agg$s / nv$s + agg$m / nv$m); print(agg[order(agg$owa_vs_naive), ])
w <- reshape(res[, c("name","method","s")], idvar = "name", timevar = "method", direction = "wide"); print(w[, c("name","s.naive","s.snaive","s.stlf_ets","s.med_stl","s.med_plain")], digits=3)
