// Every job type of the plugin is declared by importing its file here.
import "./system"
import "./loyalty"
