import { createHash } from 'node:crypto';

/**
 * The breaker's rules on the server, one operation per call, so every change is atomic: two
 * processes failing at once count as two. It follows core's `applyHealthChange`, with the times
 * kept as key expiries (Redis's clock, never a process's) and the half-open probe as a lease
 * (`SET NX PX`) that expires by itself if its process dies. Every change refreshes the expiry
 * of the state hash, bumps its version (the server's microsecond clock, never going back) and
 * is published, so peers update their cached copy without asking.
 *
 * KEYS: state hash, failure counter, open marker, probe lease.
 * ARGV: operation, provider name, retention ms, channel, then the operation's own arguments.
 */
export const breakerScript = `
local state_key, failures_key, open_key, probe_key = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local op, name, retention, channel = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4]

local function server_clock()
  local time = redis.call('TIME')
  return tonumber(time[1]) * 1000000 + tonumber(time[2])
end

local function left(key)
  local ms = redis.call('PTTL', key)
  if ms < 0 then return 0 end
  return ms
end

local stored = redis.call('HMGET', state_key, 'status', 'trips', 'generation', 'version')
local status = stored[1] or 'unknown'
local trips = tonumber(stored[2] or '0')
local generation = tonumber(stored[3] or '0')
local version = tonumber(stored[4] or '0')

local function view(at)
  local fields = redis.call('HMGET', state_key, 'name', 'status', 'reason', 'trips', 'generation')
  return cjson.encode({
    provider = fields[1] or name,
    status = fields[2] or 'unknown',
    reason = fields[3] or '',
    failures = tonumber(redis.call('GET', failures_key) or '0'),
    failuresMs = left(failures_key),
    openMs = left(open_key),
    trips = tonumber(fields[4] or '0'),
    generation = tonumber(fields[5] or '0'),
    probeMs = left(probe_key),
    probeOwner = redis.call('GET', probe_key) or '',
    version = string.format('%.0f', at),
  })
end

local function unchanged()
  if stored[4] then return view(version) end
  -- Nothing stored: true as of now, and older than any change still to come.
  return view(server_clock() - 1)
end

local function changed()
  local at = math.max(server_clock(), version + 1)
  redis.call('HSETNX', state_key, 'name', name)
  redis.call('HSET', state_key, 'version', string.format('%.0f', at))
  -- Only ever lengthened: a state must outlive the cooldown it describes.
  if redis.call('PTTL', state_key) < retention then redis.call('PEXPIRE', state_key, retention) end
  local encoded = view(at)
  redis.call('PUBLISH', channel, encoded)
  return encoded
end

if op == 'read' then return unchanged() end

if op == 'failure' then
  if tonumber(ARGV[5]) ~= generation then return unchanged() end
  local failures = redis.call('INCR', failures_key)
  redis.call('PEXPIRE', failures_key, ARGV[11])
  redis.call('HSET', state_key, 'reason', ARGV[6])
  -- While open only the probe holds a ticket of this generation: its failure reopens at once.
  if status == 'open' or failures >= tonumber(ARGV[7]) then
    local cooldown = math.min(tonumber(ARGV[8]) * tonumber(ARGV[9]) ^ trips, tonumber(ARGV[10]))
    redis.call('SET', open_key, '1', 'PX', math.max(1, math.floor(cooldown)))
    redis.call('DEL', probe_key)
    redis.call('HSET', state_key, 'status', 'open', 'trips', trips + 1, 'generation', generation + 1)
  end
  return changed()
end

if op == 'success' then
  if tonumber(ARGV[5]) ~= generation then return unchanged() end
  if status == 'working' and redis.call('EXISTS', failures_key) == 0 then return unchanged() end
  redis.call('DEL', failures_key, open_key, probe_key)
  redis.call('HSET', state_key, 'status', 'working', 'reason', '', 'trips', 0)
  return changed()
end

if op == 'release' then
  if tonumber(ARGV[5]) ~= generation or redis.call('GET', probe_key) ~= ARGV[6] then return unchanged() end
  redis.call('DEL', probe_key)
  return changed()
end

if op == 'mark-not-working' then
  redis.call('SET', open_key, '1', 'PX', ARGV[6])
  redis.call('DEL', probe_key)
  redis.call('HSET', state_key, 'status', 'open', 'reason', ARGV[5], 'generation', generation + 1)
  return changed()
end

if op == 'mark-working' then
  redis.call('DEL', failures_key, open_key, probe_key)
  redis.call('HSET', state_key, 'status', 'working', 'reason', '', 'trips', 0, 'generation', generation + 1)
  return changed()
end

if op == 'claim' then
  if tonumber(ARGV[5]) ~= generation or status ~= 'open' or redis.call('EXISTS', open_key) == 1 then
    return unchanged()
  end
  if not redis.call('SET', probe_key, ARGV[6], 'NX', 'PX', ARGV[7]) then return unchanged() end
  return changed()
end

return redis.error_reply('unknown health operation ' .. tostring(op))
`;

/** What `EVALSHA` calls the script by. */
export const breakerScriptSha = createHash('sha1').update(breakerScript).digest('hex');
