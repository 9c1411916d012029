/** Implementation of the catalog module: hardened JSON reading, the config.json mapping, resource listing. Not API. */
package dev.aicompass.catalog.internal;
