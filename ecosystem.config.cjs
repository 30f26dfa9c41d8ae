// pm2 process file: `npm ci && npm run build && pm2 start ecosystem.config.cjs && pm2 save`.
// Both processes read .env from this folder; production requires MONGODB_URI, CONSOLE_SECRET and
// PUBLIC_BASE_URL there.
const common = {
  cwd: __dirname,
  exec_mode: 'fork',
  instances: 1,
  time: true,
  // Longer than the processes' own 15 s graceful stop, so pm2 never cuts a shutdown short.
  kill_timeout: 20000,
  // Back off after crashes (100 ms doubling up to 15 s) instead of a tight restart loop.
  exp_backoff_restart_delay: 100,
  max_restarts: 50,
  min_uptime: '30s',
};

module.exports = {
  apps: [
    {
      ...common,
      // Exactly one process may own the WhatsApp session: never scale this one.
      name: 'pesanin-bot',
      script: 'dist/bot/main.js',
      node_args: '--max-old-space-size=384',
      max_memory_restart: '500M',
      env: { NODE_ENV: 'production', TRANSPORT: 'whatsapp' },
    },
    {
      ...common,
      name: 'pesanin-console',
      script: 'dist/console/server/main.js',
      node_args: '--max-old-space-size=256',
      max_memory_restart: '350M',
      env: { NODE_ENV: 'production' },
    },
  ],
};
