/**
 * Openfire glue: the plugin class (a thin composition root), the typed and validated settings, and
 * the parts it starts and stops. The only package that imports Openfire classes; everything below
 * it runs without Openfire.
 */
package org.sipgateway.plugin;
