-- wrk script: POST one forecast request with the DIRECT model (model 2, 24 steps in one pass)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"modelId": 2, "horizon": 24}'
