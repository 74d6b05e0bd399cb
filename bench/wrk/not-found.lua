-- wrk script: the trivial request the efficiency figures are measured against, a JSON 404 through the router
-- (the same edge, security headers, metrics and access log as every API call, and nothing else).
wrk.method = "GET"
wrk.path = "/api/no-such-thing"
wrk.headers["Accept"] = "application/json"
