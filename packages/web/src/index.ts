export { App, type AppProps } from "./App/App.js";
