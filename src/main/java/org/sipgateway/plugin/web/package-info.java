/** Admin console pages and HTTP endpoints, as plain servlets (no JSP: the precompiler is tied to one Jetty). */
package org.sipgateway.plugin.web;
