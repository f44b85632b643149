import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The Kebao server (`npm start`) listens here; in development Vite serves the app and forwards the API.
const server = 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    proxy: {
      '/api': server,
      '/health': server,
      '/ready': server,
    },
  },
  build: {
    outDir: 'dist',
    rolldownOptions: {
      output: {
        // Libraries change less often than our pages: their own chunks stay cached across deploys.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next)[\\/]/ },
            // The cockpit's charts: loaded with the monitoring pages only, never with the shell.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|dayjs|@babel[\\/]runtime)[\\/]/,
            },
          ],
        },
      },
    },
    // antd in one chunk is about 1 MB minified (≈300 kB gzip); that is expected, not a regression.
    chunkSizeWarningLimit: 1200,
  },
});
