// Every job type of the plugin is declared by importing its file here.
import "./system"
import "./customer-export"
import "./customer-import"
import "./customer-files"
import "./loyalty"
