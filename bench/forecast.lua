-- wrk script: POST one forecast request (the series' champion, 24 steps, default intervals)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"seriesId": 1, "horizon": 24}'
