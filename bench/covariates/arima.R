# R's auto.arima with and without the same regressors (issue #24's reference), and seasonal naive, on each series of
# bench/covariates/data over the same rolling origins as the service: FOLDS origins h apart ending at the series' end,
# each forecasting h steps with the actual future values of the drivers ("perfect future knowledge", as the
# service's backtests of covariates). Writes one JSON line per series, fold and method: MAE, sMAPE (M4's), MASE (M4's:
# scaled by the in-sample seasonal naive MAE of the fold's training part, m = 12).
# Run: Rscript bench/covariates/arima.R OUT.jsonl [h] [folds]
suppressPackageStartupMessages(library(forecast))
args <- commandArgs(trailingOnly = TRUE)
out <- args[1]
h <- if (length(args) >= 2) as.integer(args[2]) else 12
folds <- if (length(args) >= 3) as.integer(args[3]) else 5
m <- 12
lines <- character()
for (file in sort(list.files("bench/covariates/data", pattern = "\\.csv$", full.names = TRUE))) {
  name <- sub("\\.csv$", "", basename(file))
  frame <- read.csv(file)
  y <- frame$y
  x <- as.matrix(frame[, setdiff(names(frame), c("ds", "y")), drop = FALSE])
  n <- length(y)
  for (fold in seq_len(folds)) {
    end <- n - (folds - fold + 1) * h
    train <- ts(y[1:end], frequency = m)
    actual <- y[(end + 1):(end + h)]
    scale <- mean(abs(diff(as.numeric(train), lag = m)))
    score <- function(method, forecast, seconds) {
      error <- actual - forecast
      sprintf(paste0('{"series": "%s", "fold": %d, "method": "%s", "mae": %.6f, "smape": %.6f, "mase": %.6f, ',
                     '"seconds": %.3f}'), name, fold, method, mean(abs(error)),
              mean(200 * abs(error) / (abs(actual) + abs(forecast))), mean(abs(error)) / scale, seconds)
    }
    # a driver constant over the training part (the law before 1983) cannot be a regressor there: left out
    varying <- apply(x[1:end, , drop = FALSE], 2, function(col) sd(col) > 0)
    started <- proc.time()[["elapsed"]]
    with_x <- auto.arima(train, xreg = x[1:end, varying, drop = FALSE])
    f_with <- as.numeric(forecast(with_x, h = h, xreg = x[(end + 1):(end + h), varying, drop = FALSE])$mean)
    lines <- c(lines, score("auto.arima(xreg)", f_with, proc.time()[["elapsed"]] - started))
    started <- proc.time()[["elapsed"]]
    f_without <- as.numeric(forecast(auto.arima(train), h = h)$mean)
    lines <- c(lines, score("auto.arima", f_without, proc.time()[["elapsed"]] - started))
    lines <- c(lines, score("seasonal naive", as.numeric(snaive(train, h = h)$mean), 0))
  }
}
writeLines(lines, out)
