# Sourced by the benchmark scripts before they start gridchat processes. A load generator opens thousands of
# connections from one address, shares accounts between them and sends far faster than people do, so the limits
# (config/gridchat.yaml, "limits:") are raised: high enough never to refuse, still checked on every send, upgrade
# and API call, so a run measures what a limit check costs. Set a variable before to choose another value; 0
# turns a rate limit off (no grid call at all), e.g. to measure without limits:
#   GRIDCHAT_LIMITS_MESSAGESPERUSER=0 benchmarks/scripts/compare.sh ...
# Against servers started by hand (load.sh), start them after sourcing this file:
#   . benchmarks/scripts/bench-limits.sh && scripts/run.sh
export GRIDCHAT_LIMITS_MESSAGESPERUSER=${GRIDCHAT_LIMITS_MESSAGESPERUSER:-1000000000}
export GRIDCHAT_LIMITS_APICALLSPERUSER=${GRIDCHAT_LIMITS_APICALLSPERUSER:-1000000000}
export GRIDCHAT_LIMITS_CONNECTSPERADDRESS=${GRIDCHAT_LIMITS_CONNECTSPERADDRESS:-1000000000}
export GRIDCHAT_LIMITS_FAILEDLOGINSPERADDRESS=${GRIDCHAT_LIMITS_FAILEDLOGINSPERADDRESS:-1000000000}
export GRIDCHAT_LIMITS_FAILEDLOGINSPERUSERNAME=${GRIDCHAT_LIMITS_FAILEDLOGINSPERUSERNAME:-1000000000}
export GRIDCHAT_LIMITS_MAXCONNECTIONSPERUSER=${GRIDCHAT_LIMITS_MAXCONNECTIONSPERUSER:-1000000}
